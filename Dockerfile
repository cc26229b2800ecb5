# syntax=docker/dockerfile:1
# Yorozu's container image: the gateway, the API and the built dashboard in one Node.js process, with
# Chromium and Japanese fonts for the health report's PDF. Build: `docker build -t yorozu .`
# Run on a ClickHouse server: docker-compose.yml. Run embedded (one container, data in a volume):
#   docker run -p 8080:8080 -v yorozu-data:/var/lib/yorozu yorozu

ARG NODE_IMAGE=node:20-bookworm-slim

# `npm install`, not `npm ci`: the lock file lacks chdb's optional engine packages for other platforms
# (see .ci/run), and `npm ci` refuses it; `npm install` keeps the lock and fetches this platform's engine.
# ---- build: every dependency, then the dashboard (Vite) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY dashboard ./dashboard
RUN npm run dashboard:build

# ---- runtime dependencies only (tsx runs the TypeScript sources; chdb brings the embedded engine) ----
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- the image ----
FROM ${NODE_IMAGE}
# Chromium renders the participant's report to PDF (health/report-pdf.ts); the Noto CJK fonts make its
# Japanese legible; tini reaps Chromium's child processes and forwards signals.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-noto-cjk tini ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    YOROZU_HOST=0.0.0.0 \
    YOROZU_PORT=8080 \
    YOROZU_DATA_DIR=/var/lib/yorozu \
    YOROZU_CHROMIUM=/usr/bin/chromium
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
# The sources (what .dockerignore lets through: no tests, benchmarks, docs or deployment files).
COPY . .
COPY --from=build /app/dashboard/dist ./dashboard/dist
# The embedded engine's files (when CLICKHOUSE_URL is unset) live in a volume owned by the node user.
RUN mkdir -p /var/lib/yorozu && chown node:node /var/lib/yorozu
USER node
VOLUME ["/var/lib/yorozu"]
# 8080: HTTP, WebSocket (agents), dashboard, /metrics. 2525: the desk's SMTP listener when YOROZU_SMTP_LISTEN_PORT=2525.
EXPOSE 8080 2525
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.YOROZU_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "server/main.ts"]
