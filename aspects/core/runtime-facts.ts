/**
 * Dated facts about the managed runtimes AWS lets you create Lambda functions and Synthetics canaries on.
 * Data, not code: `LambdaRuntimeCurrent` and `CanaryRuntimeCurrent` judge a runtime against these
 * records and the policy's `today` (see runtime-verdict.ts); the payments policy derives its default
 * `allowedLambdaRuntimes` from them.
 *
 * These facts expire. Every record names the AWS page it was read from; `lastChecked` is the day the
 * table was last compared with those pages, and the gate notes in every report when it is more than
 * 6 months old. To update: re-read the pages in `RUNTIME_FACT_SOURCES`, edit the records, set
 * `lastChecked`. A runtime missing here is refused (fail closed) unless the policy lists it in
 * `allowedUnknownRuntimes`.
 *
 * Where AWS published no date, the record says so (`null` plus a `note`), never an invented date.
 * Read on 2026-12-02 through stored copies of the AWS documentation; where two versions of a page
 * disagreed, the newer one is recorded and the older value is named in the note.
 */

/** `YYYY-MM-DD`, UTC. */
export type IsoDate = string;

export const RUNTIME_FACT_SOURCES = {
  lambdaRuntimes: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  lambdaNodejs: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html',
  lambdaPython: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html',
  lambdaJava: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-java.html',
  lambdaDotnet: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-csharp.html',
  lambdaRuby: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-ruby.html',
  lambdaOsOnly: 'https://docs.aws.amazon.com/lambda/latest/dg/runtimes-provided.html',
  lambdaSupportPolicy: 'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html',
  syntheticsSupportPolicy:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Runtime_Support_Policy.html',
  syntheticsPuppeteer:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_nodejs_puppeteer.html',
  syntheticsPlaywright:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_nodejs_playwright.html',
  syntheticsSelenium:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_python_selenium.html',
  syntheticsNodejs:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_Nodejs.html',
  syntheticsJava:
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_Java.html',
} as const;

/**
 * A Lambda managed runtime (zip functions). Lambda deprecates in phases: on `deprecated` patches and
 * support end; from `blockCreate` no new function can use it; from `blockUpdate` existing ones can no
 * longer be updated. `null`: AWS lists no date ("Not scheduled").
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtime-support-policy
 */
export interface LambdaRuntimeFact {
  readonly id: string;
  readonly family: 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'os-only';
  readonly deprecated: IsoDate | null;
  readonly blockCreate: IsoDate | null;
  readonly blockUpdate: IsoDate | null;
  readonly source: string;
  readonly note?: string;
}

/**
 * A Synthetics runtime version. AWS: "When any component of a runtime version is no longer supported,
 * that Synthetics runtime version is deprecated. You can't create canaries using deprecated runtime
 * versions." (support policy page). So:
 * - `deprecated`: the date the support policy page publishes, from which no canary can be created on it;
 * - `deprecatedUndated`: the page lists it as deprecated, but its date was not captured;
 * - otherwise the runtime is deprecated, at the latest, when its `lambdaRuntime` (the component AWS
 *   names on the runtime's page) is: runtime-verdict.ts derives that date from the Lambda table and says
 *   so in its messages. In practice AWS has published later dates (syn-python-selenium-4.x/5.x on Python
 *   3.9: 2026-02-03, the day Lambda blocked creating python3.9 functions), so the derived date errs early:
 *   fail closed.
 */
export interface SyntheticsRuntimeFact {
  readonly id: string;
  readonly family: 'nodejs-puppeteer' | 'nodejs-playwright' | 'python-selenium' | 'nodejs' | 'java';
  /** Lambda runtime id the Synthetics runtime runs on, per its runtime page; null when not recorded. */
  readonly lambdaRuntime: string | null;
  readonly deprecated: IsoDate | null;
  readonly deprecatedUndated?: true;
  readonly source: string;
  readonly note?: string;
}

export interface RuntimeFacts {
  /** The day these records were last compared with their sources. */
  readonly lastChecked: IsoDate;
  readonly sources: typeof RUNTIME_FACT_SOURCES;
  readonly lambda: readonly LambdaRuntimeFact[];
  readonly synthetics: readonly SyntheticsRuntimeFact[];
}

const S = RUNTIME_FACT_SOURCES;

const lambda = (
  id: string,
  family: LambdaRuntimeFact['family'],
  dates: readonly [IsoDate | null, IsoDate | null, IsoDate | null],
  source: string,
  note?: string,
): LambdaRuntimeFact => ({
  id,
  family,
  deprecated: dates[0],
  blockCreate: dates[1],
  blockUpdate: dates[2],
  source,
  ...(note ? { note } : {}),
});

const AL2_EXTENDED =
  'Amazon Linux 2 runtime; an earlier version of the page gave 2026-06-30 / 2026-07-31 / 2026-08-31, AWS extended it.';

const LAMBDA: readonly LambdaRuntimeFact[] = [
  // Node.js
  lambda('nodejs24.x', 'nodejs', ['2028-04-30', '2028-06-01', '2028-07-01'], S.lambdaNodejs),
  lambda('nodejs22.x', 'nodejs', ['2027-04-30', '2027-06-01', '2027-07-01'], S.lambdaNodejs),
  lambda(
    'nodejs20.x',
    'nodejs',
    ['2026-04-30', '2026-08-31', '2026-09-30'],
    S.lambdaNodejs,
    'An earlier version of the page gave block create 2026-06-01 and block update 2026-07-01; AWS extended both.',
  ),
  lambda(
    'nodejs18.x',
    'nodejs',
    ['2025-09-01', '2025-10-01', null],
    S.lambdaRuntimes,
    'Its current row in the deprecated-runtimes table was not captured: deprecation and block create as quoted from the Lambda runtimes page (Japanese edition) in third-party summaries; block update is given as 2025-11-01 and 2025-11-11 by different summaries, so none is recorded. An earlier version of lambda-nodejs.html gave 2025-07-31 / 2025-09-01 / 2025-10-01.',
  ),
  lambda(
    'nodejs14.x',
    'nodejs',
    ['2023-12-04', '2024-01-09', '2024-02-08'],
    S.lambdaRuntimes,
    'From the deprecated-runtimes table as quoted in aws/aws-cdk discussion #29108.',
  ),
  lambda('nodejs8.10', 'nodejs', ['2019-12-31', '2020-01-06', '2020-02-03'], S.lambdaSupportPolicy),
  // Python
  lambda('python3.14', 'python', ['2029-06-30', '2029-07-31', '2029-08-31'], S.lambdaPython),
  lambda('python3.13', 'python', ['2029-06-30', '2029-07-31', '2029-08-31'], S.lambdaPython),
  lambda('python3.12', 'python', ['2028-10-31', '2028-11-30', '2029-01-10'], S.lambdaPython),
  lambda('python3.11', 'python', ['2027-06-30', '2027-07-31', '2027-08-31'], S.lambdaPython, AL2_EXTENDED),
  lambda(
    'python3.10',
    'python',
    ['2026-10-31', '2026-11-30', '2027-01-15'],
    S.lambdaPython,
    'Amazon Linux 2 runtime; an earlier version of the page gave 2026-06-30 / 2026-07-31 / 2026-08-31.',
  ),
  lambda(
    'python3.9',
    'python',
    ['2025-12-15', '2026-02-03', '2026-03-09'],
    S.lambdaPython,
    'Newest page versions seen; an earlier one gave block create 2026-01-15 and block update 2026-02-15.',
  ),
  // Java
  lambda('java25', 'java', ['2029-06-30', '2029-07-31', '2029-08-31'], S.lambdaJava),
  lambda('java21', 'java', ['2029-06-30', '2029-07-31', '2029-08-31'], S.lambdaJava),
  lambda('java17', 'java', ['2027-06-30', '2027-07-31', '2027-08-31'], S.lambdaJava, AL2_EXTENDED),
  lambda('java11', 'java', ['2027-06-30', '2027-07-31', '2027-08-31'], S.lambdaJava, AL2_EXTENDED),
  lambda('java8.al2', 'java', ['2027-06-30', '2027-07-31', '2027-08-31'], S.lambdaJava, AL2_EXTENDED),
  // .NET
  lambda('dotnet10', 'dotnet', ['2028-11-14', '2028-12-14', '2029-01-15'], S.lambdaDotnet),
  lambda(
    'dotnet8',
    'dotnet',
    ['2026-11-10', '2027-02-01', '2027-03-03'],
    S.lambdaDotnet,
    'Newest page version seen; an earlier one gave block create 2026-12-10 and block update 2027-01-11.',
  ),
  // Ruby
  lambda('ruby3.4', 'ruby', ['2028-03-31', '2028-04-30', '2028-05-31'], S.lambdaRuby),
  lambda('ruby3.3', 'ruby', ['2027-03-31', '2027-04-30', '2027-05-31'], S.lambdaRuby),
  lambda(
    'ruby3.2',
    'ruby',
    ['2026-03-31', '2026-08-31', '2026-09-30'],
    S.lambdaRuby,
    'Newest page version seen; earlier ones gave block create 2026-04-30 and later 2026-06-01.',
  ),
  // OS-only (Go, Rust, custom runtimes)
  lambda('provided.al2023', 'os-only', ['2029-06-30', '2029-07-31', '2029-08-31'], S.lambdaOsOnly),
  lambda(
    'provided.al2',
    'os-only',
    ['2026-06-30', '2026-07-31', '2026-08-31'],
    S.lambdaOsOnly,
    'Only a page version with these dates was seen; the other Amazon Linux 2 runtimes were later extended to 2027, so this one may have been too. Re-check before relying on it.',
  ),
];

const syn = (
  id: string,
  family: SyntheticsRuntimeFact['family'],
  lambdaRuntime: string | null,
  deprecated: IsoDate | null,
  source: string,
  note?: string,
): SyntheticsRuntimeFact => ({
  id,
  family,
  lambdaRuntime,
  deprecated,
  source,
  ...(note ? { note } : {}),
});

const undated = (
  id: string,
  family: SyntheticsRuntimeFact['family'],
  note: string,
): SyntheticsRuntimeFact => ({
  id,
  family,
  lambdaRuntime: null,
  deprecated: null,
  deprecatedUndated: true,
  source: S.syntheticsSupportPolicy,
  note,
});

const FIRST_NODE = 'one of the first Node.js runtimes (syn-1.0, syn-nodejs-2.x), long deprecated';

const SYNTHETICS: readonly SyntheticsRuntimeFact[] = [
  // Published deprecation dates (support policy page)
  syn('syn-python-selenium-5.1', 'python-selenium', 'python3.9', '2026-02-03', S.syntheticsSupportPolicy),
  syn('syn-python-selenium-5.0', 'python-selenium', 'python3.9', '2026-02-03', S.syntheticsSupportPolicy),
  syn('syn-python-selenium-4.1', 'python-selenium', 'python3.9', '2026-02-03', S.syntheticsSupportPolicy),
  syn('syn-python-selenium-4.0', 'python-selenium', 'python3.9', '2026-02-03', S.syntheticsSupportPolicy),
  syn('syn-python-selenium-3.0', 'python-selenium', 'python3.8', '2026-01-22', S.syntheticsSupportPolicy),
  syn('syn-python-selenium-2.1', 'python-selenium', 'python3.8', '2026-01-22', S.syntheticsSupportPolicy),
  syn('syn-python-selenium-2.0', 'python-selenium', 'python3.8', '2024-03-08', S.syntheticsSupportPolicy),
  syn('syn-python-selenium-1.3', 'python-selenium', 'python3.8', '2024-03-08', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-7.0', 'nodejs-puppeteer', 'nodejs18.x', '2026-01-22', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-6.2', 'nodejs-puppeteer', 'nodejs18.x', '2026-01-22', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-5.2', 'nodejs-puppeteer', 'nodejs16.x', '2026-01-22', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-6.1', 'nodejs-puppeteer', 'nodejs18.x', '2024-03-08', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-6.0', 'nodejs-puppeteer', 'nodejs18.x', '2024-03-08', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-5.1', 'nodejs-puppeteer', 'nodejs16.x', '2024-03-08', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-5.0', 'nodejs-puppeteer', 'nodejs16.x', '2024-03-08', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-4.0', 'nodejs-puppeteer', 'nodejs16.x', '2024-03-08', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-3.9', 'nodejs-puppeteer', 'nodejs14.x', '2024-01-08', S.syntheticsSupportPolicy),
  syn('syn-nodejs-puppeteer-3.8', 'nodejs-puppeteer', 'nodejs14.x', '2024-01-08', S.syntheticsSupportPolicy),
  // Listed as deprecated on the same page; the rows with their dates were not captured.
  ...['3.7', '3.6', '3.5', '3.4', '3.3', '3.2', '3.1', '3.0'].map((v) =>
    undated(
      `syn-nodejs-puppeteer-${v}`,
      'nodejs-puppeteer',
      'Node.js 12/14 runtime older than syn-nodejs-puppeteer-3.8 (deprecated 2024-01-08)',
    ),
  ),
  ...['1.2', '1.1', '1.0'].map((v) =>
    undated(
      `syn-python-selenium-${v}`,
      'python-selenium',
      'Python 3.8 runtime older than syn-python-selenium-1.3 (deprecated 2024-03-08)',
    ),
  ),
  undated('syn-1.0', 'nodejs', FIRST_NODE),
  ...['2.0-beta', '2.0', '2.1', '2.2'].map((v) => undated(`syn-nodejs-${v}`, 'nodejs', FIRST_NODE)),

  // Not deprecated on the support policy page: judged by the Lambda runtime they run on.
  syn('syn-nodejs-puppeteer-8.0', 'nodejs-puppeteer', 'nodejs20.x', null, S.syntheticsPuppeteer),
  syn('syn-nodejs-puppeteer-9.0', 'nodejs-puppeteer', 'nodejs20.x', null, S.syntheticsPuppeteer),
  syn('syn-nodejs-puppeteer-9.1', 'nodejs-puppeteer', 'nodejs20.x', null, S.syntheticsPuppeteer),
  syn('syn-nodejs-puppeteer-10.0', 'nodejs-puppeteer', 'nodejs20.x', null, S.syntheticsPuppeteer),
  syn(
    'syn-nodejs-puppeteer-11.0',
    'nodejs-puppeteer',
    'nodejs20.x',
    null,
    S.syntheticsPuppeteer,
    'Puppeteer-core 24.15.0; packaging no longer needs nodejs/node_modules. Later puppeteer runtimes (up to 15.0 on lastChecked) are not recorded: their Lambda runtime was not captured.',
  ),
  syn('syn-nodejs-playwright-1.0', 'nodejs-playwright', 'nodejs20.x', null, S.syntheticsPlaywright),
  syn('syn-nodejs-playwright-2.0', 'nodejs-playwright', 'nodejs20.x', null, S.syntheticsPlaywright),
  syn('syn-nodejs-playwright-3.0', 'nodejs-playwright', 'nodejs20.x', null, S.syntheticsPlaywright),
  syn('syn-nodejs-playwright-4.0', 'nodejs-playwright', 'nodejs22.x', null, S.syntheticsPlaywright),
  syn('syn-nodejs-playwright-5.0', 'nodejs-playwright', 'nodejs22.x', null, S.syntheticsPlaywright),
  syn(
    'syn-nodejs-playwright-5.1',
    'nodejs-playwright',
    'nodejs22.x',
    null,
    S.syntheticsPlaywright,
    'From 5.1 the library is @aws/synthetics-playwright (legacy @amzn/synthetics-playwright).',
  ),
  syn('syn-nodejs-playwright-6.0', 'nodejs-playwright', 'nodejs22.x', null, S.syntheticsPlaywright),
  syn('syn-nodejs-playwright-8.0', 'nodejs-playwright', 'nodejs22.x', null, S.syntheticsPlaywright),
  syn('syn-nodejs-playwright-9.0', 'nodejs-playwright', 'nodejs22.x', null, S.syntheticsPlaywright),
  syn('syn-python-selenium-6.0', 'python-selenium', 'python3.11', null, S.syntheticsSelenium),
  syn('syn-python-selenium-7.0', 'python-selenium', 'python3.11', null, S.syntheticsSelenium),
  syn('syn-python-selenium-8.0', 'python-selenium', 'python3.11', null, S.syntheticsSelenium),
  syn('syn-python-selenium-11.1', 'python-selenium', 'python3.12', null, S.syntheticsSelenium),
  syn('syn-python-selenium-12.0', 'python-selenium', 'python3.12', null, S.syntheticsSelenium),
  syn('syn-python-selenium-13.0', 'python-selenium', 'python3.12', null, S.syntheticsSelenium),
  syn('syn-python-selenium-14.0', 'python-selenium', 'python3.12', null, S.syntheticsSelenium),
  syn(
    'syn-nodejs-3.0',
    'nodejs',
    'nodejs20.x',
    null,
    S.syntheticsNodejs,
    'No browser; multi-checks blueprint.',
  ),
  syn(
    'syn-nodejs-3.1',
    'nodejs',
    'nodejs20.x',
    null,
    S.syntheticsNodejs,
    'No browser; multi-checks blueprint.',
  ),
  syn(
    'syn-nodejs-4.0',
    'nodejs',
    'nodejs22.x',
    null,
    S.syntheticsNodejs,
    'No browser; multi-checks blueprint.',
  ),
  syn(
    'syn-nodejs-4.1',
    'nodejs',
    'nodejs22.x',
    null,
    S.syntheticsNodejs,
    'No browser; multi-checks blueprint.',
  ),
  syn(
    'syn-nodejs-5.4',
    'nodejs',
    'nodejs22.x',
    null,
    S.syntheticsNodejs,
    'No browser; multi-checks blueprint.',
  ),
  syn('syn-java-1.0', 'java', 'java21', null, S.syntheticsJava, 'No browser.'),
];

export const RUNTIME_FACTS: RuntimeFacts = Object.freeze({
  lastChecked: '2026-12-02',
  sources: RUNTIME_FACT_SOURCES,
  lambda: Object.freeze(LAMBDA.map((r) => Object.freeze(r))),
  synthetics: Object.freeze(SYNTHETICS.map((r) => Object.freeze(r))),
});
