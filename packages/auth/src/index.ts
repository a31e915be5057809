export { hashPassword, verifyPassword, verifyAgainstNothing, generatePassword, passwordSchema } from './password.ts';
export { ROLES, hasRole, isRole, type Role } from './roles.ts';
export { createSignInLimiter, defaultSignInLimits, type SignInLimiter, type SignInLimits, type LimitDecision } from './sign-in-limiter.ts';
