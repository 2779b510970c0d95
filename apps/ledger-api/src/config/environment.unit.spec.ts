import { validateEnvironment } from './environment';

const problems = (env: Record<string, string>): string[] => {
  try {
    validateEnvironment(env);
    return [];
  } catch (error) {
    return (error as Error).message.split('\n');
  }
};

describe('validateEnvironment', () => {
  it('accepts the defaults', () => {
    expect(validateEnvironment({})).toMatchObject({ PORT: 3000, EVENT_STORE: 'embedded', DATA_DIR: './data' });
  });

  it('names the variable, the value as given and what is allowed, in one line per variable', () => {
    expect(problems({ PORT: 'abc' })).toEqual(['Invalid configuration: PORT must be an integer number, must not be less than 0, must not be greater than 65535 (got "abc")']);
    expect(problems({ PORT: '70000', EVENT_STORE: 'postgres' })).toEqual([
      'Invalid configuration: PORT must not be greater than 65535 (got "70000")',
      'Invalid configuration: EVENT_STORE must be "embedded" or "eventstoredb" (got "postgres")',
    ]);
    expect(problems({ EVENT_STORE: 'eventstoredb' })).toEqual(['Invalid configuration: EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb (not set)']);
  });
});
