/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/setup-env.js'],
  testTimeout: 30000,
  // Most of the suite's time is spent waiting on child processes, sockets and Redis, not on the
  // CPU: one worker per core. (Jest's default leaves one core free, which on two cores means one
  // test file at a time: 104–131 s here instead of about 70 s.)
  maxWorkers: '100%',
};
