// The demo chat page: plain browser JavaScript on top of the client SDK (served as /demo/sdk.js).
import { ImClient, localStorageSync, textElem } from '/demo/sdk.js';

const $ = (selector) => document.querySelector(selector);
// officials: subscribed official accounts by id (their conversations are `C2C<id>`, Tencent's form).
const state = { im: undefined, current: undefined, shown: new Map(), officials: new Map() };
const officialOf = (conversationId) => (conversationId?.startsWith('C2C') ? state.officials.get(conversationId.slice(3)) : undefined);

const showError = (e) => { $('#error').textContent = e ? `${e.name ?? 'Error'}: ${e.message ?? e}` : ''; };
const textOf = (m) => m.MsgBody.map((e) => (e.MsgType === 'TIMTextElem' ? e.MsgContent.Text : `[${e.MsgType}]`)).join('');

async function login(user) {
  const res = await fetch(`/_local/dev-usersig?userid=${encodeURIComponent(user)}`);
  if (!res.ok) throw new Error(`dev UserSig: HTTP ${res.status}`);
  const { sdkAppId, userSig } = await res.json();
  const im = new ImClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, sdkAppId, storage: localStorageSync(localStorage) });
  im.on('state', (s) => { $('#status').textContent = s; });
  im.on('message', (m) => { if (m.ConversationID === state.current) { render(m); void markRead(); } });
  im.on('conversation', () => renderConversations());
  // Official accounts (im.official, docs/websocket.md "Official accounts"): broadcasts of subscribed accounts, shown in their C2C<id> conversation.
  im.official.on('conversation', (c) => { state.officials.set(c.Official_Account, c); renderConversations(); });
  im.official.on('message', (m) => {
    const conv = state.officials.get(m.Official_Account);
    if (`C2C${m.Official_Account}` === state.current) { render({ ...m, ConversationID: state.current }); void markRead(); } else if (conv && m.MsgSeq > conv.LastMsgSeq) {
      state.officials.set(m.Official_Account, { ...conv, LastMsgSeq: m.MsgSeq, UnreadNum: conv.UnreadNum + 1 });
      renderConversations();
    }
  });
  im.on('kicked', (d) => showError(new Error(`kicked: ${d.Reason}`)));
  await im.login(user, userSig);
  state.im = im;
  localStorage.setItem('demo.user', user);
  $('#me').textContent = `signed in as ${user}`;
  $('#me').dataset.user = user;
  $('#login').hidden = true;
  renderConversations();
}

function renderConversations() {
  const list = $('#conversations');
  // An official account's row replaces a private C2C row of the same id (the two share Tencent's ConversationID).
  const rows = [...state.officials.values(), ...state.im.conversations().filter((c) => !officialOf(c.ConversationID))];
  list.replaceChildren(...rows.map((c) => {
    const li = document.createElement('li');
    li.dataset.conversation = c.ConversationID;
    li.className = c.ConversationID === state.current ? 'active' : '';
    const name = document.createElement('span');
    name.textContent = c.Type === 'Official' ? `📢 ${c.Name}` : c.Type === 'C2C' ? c.Peer_Account : `# ${c.GroupId}`;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = c.UnreadNum > 0 ? String(c.UnreadNum) : '';
    li.append(name, badge);
    li.onclick = () => void open(c.ConversationID);
    return li;
  }));
}

function render(m) {
  if (state.shown.has(m.MsgSeq)) return;
  state.shown.set(m.MsgSeq, m);
  const li = document.createElement('li');
  li.className = m.IsSelf ? 'self' : '';
  li.dataset.seq = String(m.MsgSeq);
  const bubble = document.createElement('span');
  bubble.className = 'bubble';
  bubble.textContent = `${m.IsSelf ? '' : `${m.From_Account}: `}${m.MsgFlagBits & 8 ? '(recalled)' : textOf(m)}`;
  li.append(bubble);
  const list = $('#messages');
  const after = [...list.children].find((el) => Number(el.dataset.seq) > m.MsgSeq);
  list.insertBefore(li, after ?? null);
  list.scrollTop = list.scrollHeight;
}

async function markRead() {
  const official = officialOf(state.current);
  if (official) {
    if (official.UnreadNum > 0) {
      state.officials.set(official.Official_Account, { ...official, UnreadNum: 0, ReadMsgSeq: official.LastMsgSeq });
      renderConversations();
      await state.im.official.markRead(official.Official_Account).catch(showError);
    }
    return;
  }
  const conv = state.im.conversations().find((c) => c.ConversationID === state.current);
  if (conv && conv.UnreadNum > 0) await state.im.markRead(state.current).catch(showError);
}

async function open(conversationId) {
  state.current = conversationId;
  state.shown.clear();
  $('#messages').replaceChildren();
  const topicMark = conversationId.indexOf('@TOPIC#_');
  const official = officialOf(conversationId);
  $('#title').textContent = official ? `official account ${official.Name}` : conversationId.startsWith('C2C') ? `chat with ${conversationId.slice(3)}`
    : topicMark >= 0 ? `topic ${conversationId.slice(topicMark + 8)} of ${conversationId.slice(5, topicMark)}` : `group ${conversationId.slice(5)}`;
  $('#title').dataset.conversation = conversationId;
  renderConversations();
  try {
    if (official) {
      const page = await state.im.official.history(official.Official_Account, undefined, 20);
      for (const m of page.RspMsgList) if (m.IsPlaceMsg === 0) render({ ...m, ConversationID: conversationId });
    } else for (const m of await state.im.history(conversationId, { count: 50 })) render(m);
    await markRead();
  } catch (e) {
    showError(e);
  }
}

async function send(text) {
  const id = state.current;
  if (!id) throw new Error('pick a conversation first');
  if (officialOf(id)) throw new Error('an official account only broadcasts here');
  const reply = id.startsWith('C2C') ? await state.im.sendC2C(id.slice(3), [textElem(text)]) : await state.im.sendGroup(id.slice(5), [textElem(text)]);
  if (reply.message) render(reply.message);
}

const guard = (work) => async (ev) => {
  ev.preventDefault();
  showError();
  try { await work(new FormData(ev.target.closest('form') ?? ev.target)); } catch (e) { showError(e); }
};

$('#login').onsubmit = guard((f) => login(String(f.get('user')).trim()));
$('#open-c2c').onsubmit = guard((f) => open(`C2C${String(f.get('peer')).trim()}`));
$('#open-group').onsubmit = guard(async (f) => {
  const groupId = String(f.get('group')).trim();
  // A topic id names its Community first: joining the Community gives every topic.
  const community = groupId.includes('@TOPIC#_') ? groupId.slice(0, groupId.indexOf('@TOPIC#_')) : groupId;
  await state.im.joinGroup({ GroupId: community }).catch((e) => { if (e.code !== 10013) throw e; });
  await open(`GROUP${groupId}`);
});
$('#create-group').onclick = guard(async () => {
  const input = $('#open-group input[name=group]');
  const { GroupId } = await state.im.createGroup({ Type: 'Public', ApplyJoinOption: 'FreeAccess', Name: input.value.trim() || 'demo group', ...(input.value.trim() && { GroupId: input.value.trim() }) });
  input.value = GroupId;
  await open(`GROUP${GroupId}`);
});
// A Community with two topics (`general`, `random`): each topic is a conversation `GROUP<TopicId>`. Others join the
// Community by its id (Join), then open a topic by its full id or from the conversation list once it has messages.
$('#create-community').onclick = guard(async () => {
  const { GroupId } = await state.im.createGroup({ Type: 'Community', SupportTopic: 1, ApplyJoinOption: 'FreeAccess', Name: 'demo community' });
  $('#open-group input[name=group]').value = GroupId;
  const topics = [];
  for (const name of ['general', 'random']) topics.push((await state.im.createTopic({ GroupId, TopicName: name, TopicId: `${GroupId}@TOPIC#_${name}` })).TopicId);
  await state.im.sendGroup(topics[1], [textElem('the random topic')]);
  await open(`GROUP${topics[0]}`);
});
$('#subscribe').onsubmit = guard(async (f) => {
  const account = String(f.get('account')).trim();
  await state.im.official.subscribe({ Official_Account: account });
  for (const c of await state.im.official.list()) state.officials.set(c.Official_Account, c);
  await open(`C2C${account}`);
});
$('#send').onsubmit = guard(async (f) => {
  await send(String(f.get('text')));
  $('#send input[name=text]').value = '';
});

const preset = new URLSearchParams(location.search).get('user') ?? localStorage.getItem('demo.user');
if (preset) {
  $('#login input[name=user]').value = preset;
  if (new URLSearchParams(location.search).has('user')) login(preset).catch(showError);
}
