import { runCorpus } from './run-corpus.js';
import type { CorpusCase } from './corpus.js';
import { uniqueId } from '../support/stack.js';

const cases: CorpusCase[] = [{
  command: 'im_open_login_svc/account_import',
  source: 'dobyte/tencent-im account/types.go Account (json "Identifier", Nick and FaceUrl always sent)',
  request: (ctx) => { ctx.vars.id = uniqueId('ai'); return { Identifier: ctx.vars.id, Nick: '', FaceUrl: '' }; },
  reply: {},
  async after(ctx) {
    const r = await ctx.rest('im_open_login_svc/account_check', { CheckItem: [{ UserID: ctx.vars.id }] });
    expect((r.ResultItem as { AccountStatus: string }[])[0]!.AccountStatus).toBe('Imported');
  },
}];
import { expect } from 'vitest';
runCorpus('sample', cases);
