// Where sdcoach keeps its data. SDCOACH_HOME wins (tests, portable installs) and then holds the settings
// too, so a test never touches the user's real config; otherwise the platform folders from env-paths.
import envPaths from 'env-paths';
import { join, resolve } from 'node:path';

export interface DataPaths {
  /** Root of sdcoach's data: sessions/ and locks/ live here. */
  data: string;
  sessions: string;
  locks: string;
  /** Folder of the settings file (conf's cwd). */
  config: string;
}

export const dataPaths = (env: NodeJS.ProcessEnv = process.env): DataPaths => {
  const home = env.SDCOACH_HOME?.trim();
  const platform = home ? undefined : envPaths('sdcoach', { suffix: '' });
  const data = home ? resolve(home) : platform!.data;
  return {
    data,
    sessions: join(data, 'sessions'),
    locks: join(data, 'locks'),
    config: home ? resolve(home) : platform!.config,
  };
};
