import { benchClassifier } from './classifier-bench';

/**
 * `npm run bench`: prints the speed figures the issues set targets for.
 * Figures, not tests: they depend on the machine and are read, not asserted.
 */
async function main(): Promise<void> {
  for (const lang of ['de', 'en'] as const) {
    for (const line of benchClassifier(lang)) process.stdout.write(`${line}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
