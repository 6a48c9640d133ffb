// A chat page written only from Tencent's Web SDK docs (@tencentcloud/chat 3.x: "Initialize", "Login", "Send a Message",
// "Receive a Message", "Conversation List", "Historical Message", "Group Management"): nothing here is ours but the
// UserSig endpoint an app's own backend would provide. The import map in tencent.html points the import at our bundle.
import TencentCloudChat from '@tencentcloud/chat';

const $ = (selector) => document.querySelector(selector);
const state = { chat: undefined, userID: '', current: undefined, nextReqMessageID: undefined, shown: new Set() };

const showError = (e) => { $('#error').textContent = e ? `${e.code ?? ''} ${e.message ?? e}`.trim() : ''; };
const textOf = (message) => (message.type === TencentCloudChat.TYPES.MSG_TEXT ? message.payload.text : `[${message.type}]`);

/** The app's backend signs UserSigs (here the local stack's development endpoint). */
async function fetchUserSig(userID) {
  const res = await fetch(`/_local/dev-usersig?userid=${encodeURIComponent(userID)}`);
  if (!res.ok) throw new Error(`UserSig: HTTP ${res.status}`);
  return res.json();
}

async function login(userID) {
  const { sdkAppId, userSig } = await fetchUserSig(userID);
  // "Initialize the SDK": one instance per SDKAppID. Served from the server's origin, it finds the server itself.
  const chat = TencentCloudChat.create({ SDKAppID: sdkAppId });
  chat.setLogLevel(1);
  state.chat = chat;
  state.userID = userID;
  chat.on(TencentCloudChat.EVENT.SDK_READY, onReady);
  chat.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, onMessageReceived);
  chat.on(TencentCloudChat.EVENT.CONVERSATION_LIST_UPDATED, (event) => renderConversations(event.data));
  chat.on(TencentCloudChat.EVENT.NET_STATE_CHANGE, (event) => { $('#net').textContent = event.data.state; });
  chat.on(TencentCloudChat.EVENT.KICKED_OUT, (event) => showError(new Error(`kicked out: ${event.data.type}`)));
  await chat.login({ userID, userSig });
  $('#me').textContent = `signed in as ${userID}`;
  $('#login').hidden = true;
}

async function onReady() {
  $('#me').dataset.user = state.userID;
  const imResponse = await state.chat.getConversationList();
  renderConversations(imResponse.data.conversationList);
}

function onMessageReceived(event) {
  // event.data is an array of Message objects.
  for (const message of event.data) {
    if (message.conversationID !== state.current) continue;
    appendMessage(message);
  }
  if (event.data.some((m) => m.conversationID === state.current)) void state.chat.setMessageRead({ conversationID: state.current });
}

function renderConversations(conversationList) {
  $('#conversations').replaceChildren(...conversationList.map((conversation) => {
    const li = document.createElement('li');
    li.dataset.conversation = conversation.conversationID;
    li.className = conversation.conversationID === state.current ? 'active' : '';
    const name = document.createElement('span');
    name.textContent = conversation.type === TencentCloudChat.TYPES.CONV_GROUP
      ? `# ${conversation.groupProfile.name || conversation.groupProfile.groupID}`
      : conversation.userProfile.nick || conversation.userProfile.userID;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = conversation.unreadCount > 0 ? String(conversation.unreadCount) : '';
    li.append(name, badge);
    li.onclick = () => void openConversation(conversation.conversationID).catch(showError);
    return li;
  }));
}

function messageItem(message) {
  const li = document.createElement('li');
  li.dataset.id = message.ID;
  li.className = message.flow;
  const bubble = document.createElement('span');
  bubble.className = 'bubble';
  bubble.textContent = message.flow === 'out' ? textOf(message) : `${message.nick || message.from}: ${textOf(message)}`;
  li.append(bubble);
  return li;
}

function appendMessage(message) {
  if (state.shown.has(message.ID)) return;
  state.shown.add(message.ID);
  $('#messages').append(messageItem(message));
  $('#messages').scrollTop = $('#messages').scrollHeight;
}

/** "Historical Message": a page of messages, oldest first, before the earliest one shown. */
async function loadPage() {
  const options = { conversationID: state.current };
  if (state.nextReqMessageID) options.nextReqMessageID = state.nextReqMessageID;
  const imResponse = await state.chat.getMessageList(options);
  const { messageList, nextReqMessageID, isCompleted } = imResponse.data;
  state.nextReqMessageID = nextReqMessageID;
  const fresh = messageList.filter((m) => !state.shown.has(m.ID));
  for (const m of fresh) state.shown.add(m.ID);
  $('#messages').prepend(...fresh.map(messageItem));
  $('#more').hidden = isCompleted;
}

async function openConversation(conversationID) {
  state.current = conversationID;
  state.nextReqMessageID = undefined;
  state.shown = new Set();
  $('#messages').replaceChildren();
  $('#title').textContent = conversationID;
  $('#title').dataset.conversation = conversationID;
  await loadPage();
  await state.chat.setMessageRead({ conversationID });
  const imResponse = await state.chat.getConversationList();
  renderConversations(imResponse.data.conversationList);
}

async function send(text) {
  const group = state.current.startsWith(TencentCloudChat.TYPES.CONV_GROUP);
  const message = state.chat.createTextMessage({
    to: state.current.slice(group ? TencentCloudChat.TYPES.CONV_GROUP.length : TencentCloudChat.TYPES.CONV_C2C.length),
    conversationType: group ? TencentCloudChat.TYPES.CONV_GROUP : TencentCloudChat.TYPES.CONV_C2C,
    payload: { text },
  });
  const imResponse = await state.chat.sendMessage(message);
  appendMessage(imResponse.data.message);
}

const onSubmit = (selector, handler) => {
  $(selector).addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    showError();
    handler(new FormData(form)).then(() => form.reset(), showError);
  });
};
onSubmit('#login', (data) => login(String(data.get('userID'))));
onSubmit('#open-c2c', (data) => openConversation(`${TencentCloudChat.TYPES.CONV_C2C}${data.get('userID')}`));
onSubmit('#create-group', async (data) => {
  const imResponse = await state.chat.createGroup({
    type: TencentCloudChat.TYPES.GRP_PUBLIC, name: String(data.get('name')), joinOption: TencentCloudChat.TYPES.JOIN_OPTIONS_FREE_ACCESS,
  });
  await openConversation(`${TencentCloudChat.TYPES.CONV_GROUP}${imResponse.data.group.groupID}`);
});
onSubmit('#join-group', async (data) => {
  const groupID = String(data.get('groupID'));
  const imResponse = await state.chat.joinGroup({ groupID });
  if (imResponse.data.status === TencentCloudChat.TYPES.JOIN_STATUS_WAIT_APPROVAL) return showError(new Error('waiting for the admin to approve'));
  await openConversation(`${TencentCloudChat.TYPES.CONV_GROUP}${groupID}`);
});
onSubmit('#send', (data) => send(String(data.get('text'))));
$('#more').onclick = () => void loadPage().catch(showError);

const fromQuery = new URLSearchParams(location.search).get('userID');
if (fromQuery) void login(fromQuery).catch(showError);
