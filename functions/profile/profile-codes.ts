/** profile service codes (spec §5.3). */
export const ProfileCode = {
  InvalidParam: 40001,
  AccountMissing: 40003,
  NoReadPermission: 40007,
  NoWritePermission: 40008,
  UnknownTag: 40009,
  ValueTooLong: 40601,
  InvalidValue: 40605,
  WrongType: 40610,
} as const;

/** portrait_get takes at most this many accounts. */
export const PORTRAIT_GET_MAX = 100;
