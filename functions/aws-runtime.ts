import { parseAppConfig } from './app-config.js';
import type { AppConfig } from './shared/config.js';
import type { AppRuntime } from './shared/runtime.js';
import * as load from './shared/aws/load-runtime.js';

/** IM_APP_CONFIG, parsed with the app's schema (functions/app-config.ts). */
export const configFromEnv = (env: load.Env): AppConfig => load.configFromEnv(env, parseAppConfig);

/** The runtime from the environment, with the app's configuration schema (functions/shared/aws/load-runtime.ts). */
export const runtimeFromEnv = <S>(env: load.Env, build: (context: load.AwsContext) => S): Promise<AppRuntime<S>> =>
  load.runtimeFromEnv(env, parseAppConfig, build);

/** A Lambda's runtime, built on first use and kept for the container's life (functions/shared/aws/load-runtime.ts). */
export const lambdaRuntime = <S>(build: (context: load.AwsContext) => S): (() => Promise<AppRuntime<S>>) =>
  load.lambdaRuntime(parseAppConfig, build);
