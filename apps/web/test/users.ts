export const PASSWORD = 'test-password-123';

export const USERS = {
  admin: { email: 'admin@test.lae', role: 'admin' },
  reviewer: { email: 'reviewer@test.lae', role: 'reviewer' },
  annotator: { email: 'annotator@test.lae', role: 'annotator' },
  /** Used by the rate-limit test, which locks it out. */
  lockedOut: { email: 'locked-out@test.lae', role: 'admin' },
} as const;
