/** im_open_login_svc codes (spec §5.2). */
export const AccountCode = {
  InvalidParam: 70402,
  NotFound: 70107,
  ProfileValueTooLong: 40601,
} as const;

/** Batch commands of the accounts service take at most this many ids. */
export const ACCOUNT_BATCH_MAX = 100;
