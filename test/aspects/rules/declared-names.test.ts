/** aspects/rules/declared-names.ts: literal names of declared resources, and the resources they name. */
import { TfModel } from '../../../aspects/core/model';
import {
  declaredByName,
  lastSegment,
  literalText,
  namedByLiteral,
} from '../../../aspects/rules/declared-names';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource }, { taggableTypes: [] });
const addresses = (rs: readonly { address: string }[]) => rs.map((r) => r.address);

describe('literalText', () => {
  const m = model({
    aws_sqs_queue: {
      text: { name: 'ledger-dlq' },
      empty: { name: '' },
      expr: { name: '${var.queue}' },
      number: { name: 42 },
      list: { name: ['ledger-dlq'] },
      none: {},
    },
  });
  it.each<[string, string | undefined]>([
    ['text', 'ledger-dlq'],
    ['empty', undefined],
    ['expr', undefined],
    ['number', undefined],
    ['list', undefined],
    ['none', undefined],
  ])('%s: %j', (name, expected) => {
    expect(literalText(m.byAddress(`aws_sqs_queue.${name}`)!, 'name')).toBe(expected);
  });
});

describe('lastSegment', () => {
  it('is the text after the last / or :', () => {
    expect(lastSegment('https://sqs.us-east-1.amazonaws.com/111122223333/ledger-dlq')).toBe('ledger-dlq');
    expect(lastSegment('arn:aws:s3:::ledger-archive')).toBe('ledger-archive');
    expect(lastSegment('alias/ledger-alerting')).toBe('ledger-alerting');
    expect(lastSegment('ledger')).toBe('ledger');
  });
});

describe('namedByLiteral', () => {
  const m = model({
    aws_sqs_queue_policy: {
      first: { queue_url: 'https://sqs.us-east-1.amazonaws.com/111122223333/ledger-dlq' },
      other: { queue_url: 'https://sqs.us-east-1.amazonaws.com/111122223333/ledger-jobs' },
      second: { queue_url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/ledger-dlq' },
      expr: { queue_url: '${aws_sqs_queue.q.url}' },
      none: {},
    },
  });
  it('finds every resource whose literal ends with the name, in configuration order', () => {
    expect(addresses(namedByLiteral(m, 'aws_sqs_queue_policy', 'queue_url', 'ledger-dlq'))).toEqual([
      'aws_sqs_queue_policy.first',
      'aws_sqs_queue_policy.second',
    ]);
    expect(addresses(namedByLiteral(m, 'aws_sqs_queue_policy', 'queue_url', 'ledger-jobs'))).toEqual([
      'aws_sqs_queue_policy.other',
    ]);
  });
  it('finds nothing for another name or no name', () => {
    expect(namedByLiteral(m, 'aws_sqs_queue_policy', 'queue_url', 'ledger')).toEqual([]);
    expect(namedByLiteral(m, 'aws_sqs_queue_policy', 'queue_url', undefined)).toEqual([]);
  });
});

describe('declaredByName', () => {
  it('is the first resource whose literal attribute is the name, skipping those without one', () => {
    const m = model({
      aws_s3_bucket: { none: {}, a: { bucket: 'ledger-archive' }, b: { bucket: 'ledger-archive' } },
    });
    expect(declaredByName(m, 'aws_s3_bucket', 'bucket', 'ledger-archive')?.address).toBe('aws_s3_bucket.a');
    expect(declaredByName(m, 'aws_s3_bucket', 'bucket', 'ledger')).toBeUndefined();
  });
});
