/** Field limits of topics (spec §3.8 `import_topic`; doocs CreateGroupTopicRequest, from Tencent's Chinese pages). */
export const TOPIC_LIMITS = {
  name: 30,
  faceUrl: 100,
  notification: 300,
  introduction: 240,
  customString: 3000,
  /** destroy_topic / get_topic ids per call (Tencent documents none; the Community's own limit bounds it). */
  idsPerCall: 200,
} as const;
