/** Keys of the per-user items in the Users table. */
export const userPk = (userId: string): string => `U#${userId}`;
export const accountKey = (userId: string) => ({ pk: userPk(userId), sk: 'ACCOUNT' });
export const profileKey = (userId: string) => ({ pk: userPk(userId), sk: 'PROFILE' });
