import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: { include: ['tests/browser/**/*.test.ts'], globalSetup: ['/tmp/g/setup.ts'], fileParallelism: false, testTimeout: 180_000, hookTimeout: 180_000 },
});
