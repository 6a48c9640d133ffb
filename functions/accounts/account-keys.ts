/** Keys of the per-user items in the Users table. */
export const userPk = (userId: string): string => `U#${userId}`;
export const accountKey = (userId: string) => ({ pk: userPk(userId), sk: 'ACCOUNT' });
export const profileKey = (userId: string) => ({ pk: userPk(userId), sk: 'PROFILE' });
/** App-wide count of live accounts (`RegistUserNumTotal` of `getappinfo`). */
export const ACCOUNT_COUNT_KEY = { pk: 'APP', sk: 'ACCOUNTS' } as const;
