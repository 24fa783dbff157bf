/**
 * The HMAC secret shared by the identity provider and the auth module when no other secret is
 * configured. It is public on purpose: it only signs the synthetic benchmark population.
 */
export const DEV_AUTH_SECRET = 'paybench-dev-secret-do-not-use-in-production';
