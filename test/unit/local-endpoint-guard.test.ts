import { describe, expect, it } from 'vitest';
import { assertLocalEndpoint, localDynamoClient } from '../../local/dynamodb-local.js';

describe('the local DynamoDB guard', () => {
  it.each(['http://127.0.0.1:8000', 'http://localhost:8000', 'http://[::1]:8000', 'http://127.0.0.2:1'])('accepts %s', (endpoint) => {
    expect(() => assertLocalEndpoint(endpoint)).not.toThrow();
  });

  it.each(['https://dynamodb.us-east-1.amazonaws.com', 'http://10.0.0.5:8000', 'http://localhost.evil.com:8000', 'http://127.0.0.1.example.com'])('refuses %s', (endpoint) => {
    expect(() => assertLocalEndpoint(endpoint)).toThrow(/non-local/);
    expect(() => localDynamoClient(endpoint)).toThrow(/non-local/);
  });
});
