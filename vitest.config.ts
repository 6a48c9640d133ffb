import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The few long files start first: on 2 workers, one of them starting last would leave a worker idle at the end
 * (a fresh clone has no timing cache for vitest's own ordering).
 */
const LONG_FILES = /authz-matrix|crash-restart|groupmsg-avchatroom-scale|test\/bench\/scenarios|client-sdk-sync|fuzz\.test|reconnect-soak|client-demo-browser|test\/cdk\/stack\.test/;
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (f: TestSpecification) => LONG_FILES.test(f.moduleId);
    return [...sorted.filter(long), ...sorted.filter((f) => !long(f))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Three workers on 2 cores: the e2e files wait on DynamoDB Local and timers much of the time (two workers kept
    // the CPU about 60% busy); three cut the suite from about 357 s to 311 s here.
    maxWorkers: 3,
    // Files in one worker share the module graph: importing the whole local stack (every handler, the AWS SDK) cost
    // each file about 2.4 s of a worker's time, some 75 s of the suite's wall clock on 2 cores. Each file still starts
    // its own stack on fresh tables; a file that sets process.env restores it.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { sequencer: LongFilesFirst },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', IM_LOG_LEVEL: 'error' },
  },
});
