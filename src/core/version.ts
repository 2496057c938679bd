// Kept in step with package.json by test/unit/version.test.ts.
export const version = '0.1.0';
