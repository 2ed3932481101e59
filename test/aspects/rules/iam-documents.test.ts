/**
 * aspects/rules/iam-documents.ts: the permission documents a role or policy carries, and the judgement
 * of their Allow statements (not applicable, unresolved, invalid, failing, compliant).
 */
import { TfModel } from '../../../aspects/core/model';
import type { Statement } from '../../../aspects/core/values';
import { iamDocumentsOf, judgeAllowStatements } from '../../../aspects/rules/iam-documents';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource }, { taggableTypes: [] });
const DOC = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

describe('IAM documents', () => {
  const m = model({
    aws_iam_role: {
      r: {
        assume_role_policy: DOC,
        inline_policy: [
          { name: 'read', policy: DOC },
          { policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' },
          { name: 'empty', policy: '' },
          { name: 'null', policy: null },
          { name: 'unset' },
        ],
      },
      bare: {},
    },
    aws_iam_policy: { p: { policy: DOC }, none: {} },
  });
  const r = (a: string) => m.byAddress(a)!;

  it('are the inline policies of a role (named or by index; empty ones skipped), or a policy attribute', () => {
    expect(iamDocumentsOf(m, r('aws_iam_role.r')).map((d) => d.attribute)).toEqual([
      'inline_policy "read".policy',
      'inline_policy[1].policy',
    ]);
    expect(iamDocumentsOf(m, r('aws_iam_role.bare'))).toEqual([]);
    expect(iamDocumentsOf(m, r('aws_iam_policy.p')).map((d) => [d.attribute, d.document.kind])).toEqual([
      ['policy', 'document'],
    ]);
    expect(iamDocumentsOf(m, r('aws_iam_policy.none'))).toEqual([]);
  });

  it('judgeAllowStatements: not applicable without a policy; unresolved, invalid and failing statements each reported', () => {
    const wild = (st: Statement) => (st.actions.includes('*') ? ['allows every action'] : []);
    expect(judgeAllowStatements(m, r('aws_iam_policy.none'), wild)).toEqual({
      outcome: 'not-applicable',
      message: 'the resource carries no permissions policy',
    });
    expect(judgeAllowStatements(m, r('aws_iam_role.r'), wild)).toEqual([
      {
        outcome: 'non-compliant',
        message: 'inline_policy[1].policy statement #1 allows every action',
        attribute: 'inline_policy[1].policy',
      },
    ]);
    expect(judgeAllowStatements(m, r('aws_iam_policy.p'), wild)).toEqual({
      outcome: 'compliant',
      message: undefined,
    });
    const odd = model({
      aws_iam_policy: {
        bad: { policy: 'nope' },
        open: { policy: '${var.p}' },
        deny: { policy: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}' },
      },
    });
    expect(judgeAllowStatements(odd, odd.byAddress('aws_iam_policy.bad')!, wild)).toEqual([
      { outcome: 'non-compliant', message: 'policy is not valid JSON', attribute: 'policy' },
    ]);
    expect(judgeAllowStatements(odd, odd.byAddress('aws_iam_policy.open')!, wild)).toEqual([
      expect.objectContaining({ outcome: 'unresolved', attribute: 'policy' }),
    ]);
    expect(judgeAllowStatements(odd, odd.byAddress('aws_iam_policy.deny')!, wild)).toEqual({
      outcome: 'compliant',
      message: undefined,
    });
  });
});
