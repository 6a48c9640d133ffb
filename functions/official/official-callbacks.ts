/** The OfficialAccount.* callbacks (rest-api.md §6; bodies as doocs's model/callback/*OfficialAccount*.java). */
export const OfficialCallback = {
  BeforeCreate: 'OfficialAccount.CallbackBeforeCreateOfficialAccount',
  AfterCreate: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
  AfterInfoChanged: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
  AfterDestroyed: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
  BeforeAddSubscriber: 'OfficialAccount.CallbackBeforeAddSubscriber',
  AfterAddSubscriber: 'OfficialAccount.CallbackAfterAddSubscriber',
  AfterFull: 'OfficialAccount.CallbackAfterOfficialAccountFull',
  AfterDeleteSubscriber: 'OfficialAccount.CallbackAfterDeleteSubscriber',
  BeforeSendMsg: 'OfficialAccount.CallbackBeforeSendMsg',
  AfterSendMsg: 'OfficialAccount.CallbackAfterSendMsg',
  AfterMsgWithDraw: 'OfficialAccount.CallbackAfterMsgWithDraw',
} as const;

/** The events official accounts send to clients (docs/websocket.md, "Official accounts"). */
export const OfficialEvent = {
  Message: 'official.message',
  Recalled: 'official.recalled',
  Changed: 'official.changed',
  Deleted: 'official.deleted',
  Private: 'official.private',
} as const;
