/**
 * References stood in by tokens while a rule reads the fields of a written value
 * (aspects/rules/reference-tokens.ts), and written back when a field is quoted.
 */
import * as fc from 'fast-check';
import { standInReferences } from '../../../aspects/rules/reference-tokens';
import { fcParams } from '../../support/fc';

const ARN = 'arn:aws:sns:*:${data.aws_caller_identity.c.account_id}:${aws_sns_topic.t.name}-dlq';

describe('standInReferences', () => {
  it('stands each reference in by a numbered token that holds no ":", "/", "*" or "?"', () => {
    const s = standInReferences(ARN);
    expect(s.text).toBe('arn:aws:sns:*:\uE0000\uE001:\uE0001\uE001-dlq');
    expect(s.text.split(':')).toHaveLength(6);
  });

  it('keeps a value without references as it is', () => {
    const s = standInReferences('arn:aws:s3:::bucket/*');
    expect(s.text).toBe('arn:aws:s3:::bucket/*');
    expect(s.asWritten(s.text)).toBe('arn:aws:s3:::bucket/*');
    expect(s.pieces('bucket/*')).toEqual([{ reference: false, text: 'bucket/*' }]);
  });

  it('tells a part that is one reference, whole, from a part with a reference in it', () => {
    const s = standInReferences(ARN);
    const fields = s.text.split(':');
    expect(s.isReference(fields[4]!)).toBe(true);
    expect(s.isReference(fields[5]!)).toBe(false);
    expect(s.isReference(fields[3]!)).toBe(false);
    expect(s.isReference(` ${fields[4]!}`)).toBe(false);
    expect(s.isReference(`${fields[4]!} `)).toBe(false);
  });

  it('writes the references of a part back as the author wrote them, each in its place', () => {
    const s = standInReferences(ARN);
    const fields = s.text.split(':');
    expect(s.asWritten(fields[4]!)).toBe('${data.aws_caller_identity.c.account_id}');
    expect(s.asWritten(fields[5]!)).toBe('${aws_sns_topic.t.name}-dlq');
    expect(s.asWritten(s.text)).toBe(ARN);
  });

  it('cuts a part into literal text and references, in order, with no empty piece', () => {
    const s = standInReferences('${a.b.c}x${d.e.f}${g.h.i}');
    expect(s.pieces(s.text)).toEqual([
      { reference: true, text: '${a.b.c}' },
      { reference: false, text: 'x' },
      { reference: true, text: '${d.e.f}' },
      { reference: true, text: '${g.h.i}' },
    ]);
    expect(s.pieces('')).toEqual([]);
  });

  it('writes back token-like text the value held itself as it was', () => {
    const forged = 'arn:aws:sns:*:\uE0007\uE001:${a.b.c}';
    const s = standInReferences(forged);
    expect(s.asWritten(s.text)).toBe(forged);
    expect(s.pieces('\uE0007\uE001')).toEqual([{ reference: true, text: '\uE0007\uE001' }]);
  });

  it('never takes text of the value for a token', () => {
    const s = standInReferences('«ref0»:[0]:{0}:${a.b.c}');
    expect(s.asWritten(s.text)).toBe('«ref0»:[0]:{0}:${a.b.c}');
    expect(s.text.split(':').map((f) => s.isReference(f))).toEqual([false, false, false, true]);
  });

  it('law: writing every part back gives the value; no token holds a field or wildcard character', () => {
    const piece = fc.oneof(
      fc.stringMatching(/^[a-z0-9:*?/._-]{0,6}$/),
      fc.stringMatching(/^\$\{[a-z_.:"? ]{1,10}\}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const value = parts.join('');
        const s = standInReferences(value);
        expect(s.asWritten(s.text)).toBe(value);
        expect(s.text).not.toContain('${');
        expect(
          s
            .pieces(s.text)
            .map((p) => p.text)
            .join(''),
        ).toBe(value);
        const literal = s.text.replace(/\uE000\d+\uE001/g, '');
        for (const c of [':', '/', '*', '?'])
          expect(literal.split(c).length).toBe(value.replace(/\$\{[^}]*\}/g, '').split(c).length);
      }),
      fcParams(),
    );
  });
});
