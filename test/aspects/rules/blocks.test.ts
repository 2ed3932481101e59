/** aspects/rules/blocks.ts: nested blocks read the same way from CDKTF objects and plan arrays. */
import { nested } from '../../../aspects/rules/blocks';

describe('nested', () => {
  it('reads the named block written as an object (CDKTF) or as the first entry of a list (plans)', () => {
    expect(nested({ expiration: { days: 30 } }, 'expiration')).toEqual({ days: 30 });
    expect(nested({ expiration: [{ days: 30 }, { days: 60 }] }, 'expiration')).toEqual({ days: 30 });
  });

  it('is undefined without an enclosing block, without the named block, or when it is not a block', () => {
    expect(nested(undefined, 'expiration')).toBeUndefined();
    expect(nested({}, 'expiration')).toBeUndefined();
    expect(nested({ expiration: 'soon' }, 'expiration')).toBeUndefined();
    expect(nested({ expiration: ['soon'] }, 'expiration')).toBeUndefined();
  });
});
