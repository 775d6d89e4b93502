// The reliability scenarios run the CLI many times (crashes, retries with real Retry-After waits): a longer limit
// than the other tests' 60 s. (jest-circus takes testTimeout from the global config only, so it is set here.)
jest.setTimeout(240_000);
