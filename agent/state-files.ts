import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the agent keeps between runs, in its state directory (mode 0700): the device credential
 * (mode 0600, readable only by the agent's user), the installation's instance id, and the last
 * configuration the server sent.
 */
export interface StoredCredential {
  serverUrl: string;
  deviceId: string;
  participantId: string;
  credential: string;
}

export class AgentStateFiles {
  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  get bufferDirectory(): string {
    return path.join(this.directory, 'buffer');
  }

  instanceId(): string {
    const file = path.join(this.directory, 'instance-id');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const id = randomUUID();
    this.writePrivate(file, id);
    return id;
  }

  readCredential(): StoredCredential | undefined {
    const file = path.join(this.directory, 'credential.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredCredential) : undefined;
  }

  writeCredential(credential: StoredCredential): void {
    this.writePrivate(path.join(this.directory, 'credential.json'), JSON.stringify(credential, null, 2));
  }

  forgetCredential(): void {
    rmSync(path.join(this.directory, 'credential.json'), { force: true });
  }

  readConfig<T>(): T | undefined {
    const file = path.join(this.directory, 'config.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  }

  writeConfig(config: unknown): void {
    this.writePrivate(path.join(this.directory, 'config.json'), JSON.stringify(config, null, 2));
  }

  /** Uninstall: nothing of the agent's is left behind. */
  removeEverything(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }

  private writePrivate(file: string, text: string): void {
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
}
