import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';

/**
 * A panel query of the official ClickHouse data source (grafana-clickhouse-datasource, v4): the SQL
 * editor's model. The foundation SDK ships builders for core data sources only; third-party plugins
 * get their own builder, as the SDK's README shows.
 */
export const CLICKHOUSE = { type: 'grafana-clickhouse-datasource', uid: 'yorozu-clickhouse' } as const;
export const PROMETHEUS = { type: 'prometheus', uid: 'yorozu-prometheus' } as const;

/** sqlds' result formats: a time series (long rows become one series per label column) or a table. */
export enum ClickHouseFormat {
  TimeSeries = 0,
  Table = 1,
}

export interface ClickHouseSqlQuery {
  refId?: string;
  hide?: boolean;
  datasource: typeof CLICKHOUSE;
  editorType: 'sql';
  rawSql: string;
  format: ClickHouseFormat;
  queryType: 'timeseries' | 'table';
  pluginVersion: string;
  _implementsDataqueryVariant(): void;
}

export class ClickHouseQueryBuilder implements Builder<Dataquery> {
  private readonly internal: ClickHouseSqlQuery;

  constructor(rawSql: string, format: ClickHouseFormat = ClickHouseFormat.TimeSeries) {
    this.internal = {
      datasource: CLICKHOUSE,
      editorType: 'sql',
      rawSql: rawSql.trim(),
      format,
      queryType: format === ClickHouseFormat.TimeSeries ? 'timeseries' : 'table',
      pluginVersion: '4.0.0',
      _implementsDataqueryVariant() {},
    };
  }

  build(): ClickHouseSqlQuery {
    return this.internal;
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  hide(hide: boolean): this {
    this.internal.hide = hide;
    return this;
  }
}

/** A ClickHouse query for a time series panel. */
export const series = (sql: string): ClickHouseQueryBuilder =>
  new ClickHouseQueryBuilder(sql, ClickHouseFormat.TimeSeries);
/** A ClickHouse query for a stat or table panel. */
export const table = (sql: string): ClickHouseQueryBuilder => new ClickHouseQueryBuilder(sql, ClickHouseFormat.Table);
