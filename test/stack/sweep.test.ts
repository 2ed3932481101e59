/**
 * The sweep of abandoned payments (resources/sweep.ts): a schedule that invokes the payment Lambda with
 * the exact event the handler recognises, admitted for that rule only; and the dashboard times every
 * stage the Lambda reports (the void stage came with the at-most-once payment path).
 */
import { PAYMENT_STAGES } from '../../resources/dashboard';
import { SWEEP_EVENT_INPUT } from '../../resources/sweep';
import { STAGES } from '../../lambda/payments';
import { isScheduledSweep } from '../../lambda/app';
import type { SynthResult } from '../support/synth';
import { resourcesOf, synthPaymentsStack } from '../support/synth';
import { byPath, ref } from './helpers';

let s: SynthResult;
beforeAll(() => {
  s = synthPaymentsStack();
});

describe('the sweep of abandoned payments', () => {
  it('runs every 15 minutes and sends the payment Lambda the event its handler answers with a sweep', () => {
    const [ruleName] = byPath(s.json, 'aws_cloudwatch_event_rule', 'payment-sweep/schedule');
    const rule = s.json.resource['aws_cloudwatch_event_rule'][ruleName];
    expect(rule['schedule_expression']).toBe('rate(15 minutes)');
    expect(rule['state']).toBe('ENABLED');
    const [fnName] = byPath(s.json, 'aws_lambda_function', 'handler/function');
    const targets = resourcesOf(s.json, 'aws_cloudwatch_event_target')
      .map(([, t]) => t)
      .filter((t) => t['arn'] === ref('aws_lambda_function', fnName, 'arn'));
    expect(targets).toHaveLength(1);
    expect(targets[0]['rule']).toBe(ref('aws_cloudwatch_event_rule', ruleName, 'name'));
    const input = JSON.parse(String(targets[0]['input']));
    expect(input).toEqual(SWEEP_EVENT_INPUT);
    expect(isScheduledSweep(input)).toBe(true);
  });

  it('admits EventBridge to invoke the function for this rule only', () => {
    const [ruleName] = byPath(s.json, 'aws_cloudwatch_event_rule', 'payment-sweep/schedule');
    const permissions = resourcesOf(s.json, 'aws_lambda_permission')
      .map(([, p]) => p)
      .filter((p) => p['principal'] === 'events.amazonaws.com');
    expect(permissions).toHaveLength(1);
    expect(permissions[0]['source_arn']).toBe(ref('aws_cloudwatch_event_rule', ruleName, 'arn'));
    expect(permissions[0]['action']).toBe('lambda:InvokeFunction');
  });
});

describe('the dashboard stage latencies', () => {
  it('cover every stage the Lambda times, in its order', () => {
    expect([...PAYMENT_STAGES]).toEqual([...STAGES]);
  });
});
