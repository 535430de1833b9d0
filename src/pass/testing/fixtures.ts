/**
 * Adobe-shaped sample bodies taken from the examples in /work/shared/spec (values kept, so tests can
 * assert exact fields). Shared by client tests; the emulator's tests may reuse them.
 */
export const HELP_URL =
  'https://experienceleague.adobe.com/docs/pass/authentication/auth-features/error-reportn/enhanced-error-codes.html';

export const configurationSample = {
  device: 'unknown',
  clientType: 'html5',
  os: 'Unknown',
  requestor: {
    id: 'REF30',
    name: 'Reference site only in 30',
    domains: [{ name: 'adobe.com', mvpdInitiated: false }],
    mvpds: [
      { id: 'Cablevision', displayName: 'Optimum', logoUrl: 'https://example.test/optimum.png' },
      {
        id: 'TempPass_TEST40',
        displayName: 'Adobe Temp Pass Test 3 min',
        logoUrl: 'https://entitlement.auth.adobe.com/entitlement/noLogo.png',
        authPerAggregator: true,
        isTempPass: true,
      },
      {
        id: 'Comcast_SSO_Perf',
        displayName: 'Xfinity Perf',
        logoUrl: 'https://example.test/xfinity.gif',
        authPerAggregator: true,
        authPerBrowserSession: true,
      },
    ],
  },
};

export const sessionAuthenticateSample = {
  actionName: 'authenticate',
  actionType: 'interactive',
  reasonType: 'none',
  url: '/api/v2/authenticate/REF30/8ER640M',
  code: '8ER640M',
  sessionId: '1b614390-6610-4d14-9421-6565f6e75958',
  mvpd: 'Cablevision',
  serviceProvider: 'REF30',
  notBefore: '1733735289035',
  notAfter: '1733737089035',
};

export const sessionResumeSample = {
  actionName: 'resume',
  actionType: 'direct',
  reasonType: 'none',
  url: '/api/v2/REF30/sessions/8ER640M',
  missingParameters: ['mvpd', 'domainName', 'redirectUrl'],
  code: '8ER640M',
  sessionId: '1b614390-6610-4d14-9421-6565f6e75958',
  serviceProvider: 'REF30',
  notBefore: '1733735289035',
  notAfter: '1733737089035',
};

export const sessionRetrySample = {
  actionName: 'retry',
  actionType: 'direct',
  reasonType: 'none',
  url: '/api/v2/REF30/sessions/8BLW4RW',
  missingParameters: ['redirectUrl'],
  code: '8BLW4RW',
  sessionId: '1b614390-6610-4d14-9421-6565f6e75958',
  mvpd: 'Cablevision',
  serviceProvider: 'REF30',
  notBefore: '1733735289035',
  notAfter: '1733737089035',
};

export const sessionStatusSample = {
  missingParameters: ['mvpd'],
  existingParameters: { redirectUrl: 'https://adobe.com', domainName: 'adobe.com', serviceProvider: 'REF30' },
  device: {
    type: 'Desktop',
    model: null,
    operatingSystem: {
      name: 'macOS',
      family: 'macOS',
      vendor: 'Apple',
      version: { major: 10, minor: 15, patch: 7, profile: '' },
    },
    connection: { ipAddress: '203.0.113.7', port: '3061', secure: false, type: null },
  },
  notBefore: '1761299929958',
  notAfter: '1761301729958',
};

export const regularProfilesSample = {
  profiles: {
    Cablevision: {
      notBefore: 1752149281000,
      notAfter: 1783685280000,
      issuer: 'Cablevision',
      type: 'regular',
      attributes: {
        userID: { value: 'BASE64_value_userId', state: 'plain' },
        householdID: { value: 'BASE64_value_householdId', state: 'plain' },
        zip: { value: 'BASE64_value_zip', state: 'enc' },
      },
    },
  },
};

export const tempPassProfilesSample = {
  profiles: {
    flexibleTempPass: {
      notBefore: 1697720528524,
      notAfter: 1697720588524,
      issuer: 'Adobe',
      type: 'temporary',
      attributes: {
        remaining_resources: { value: 1, state: 'plain' },
        used_assets: { value: ['res04', 'res02', 'res03', 'res01'], state: 'plain' },
        expiration_date: { value: 1697720588524, state: 'plain' },
        userID: { value: 'temppass_0bdf451aa9c8fa60e80f6b99ab48310c73b480f1', state: 'plain' },
      },
    },
  },
};

export const authorizePermitSample = {
  decisions: [
    {
      resource: 'REF30',
      serviceProvider: 'REF30',
      mvpd: 'Cablevision',
      source: 'mvpd',
      authorized: true,
      token: { notBefore: 1697094207324, notAfter: 1697094802367, serializedToken: 'PHNpZ25hdHVyZUluZm8...' },
      notBefore: 1697094207324,
      notAfter: 1697098802367,
    },
  ],
};

export const authorizeDenySample = {
  decisions: [
    {
      resource: 'REF30',
      serviceProvider: 'REF30',
      mvpd: 'Cablevision',
      source: 'mvpd',
      authorized: false,
      error: {
        action: 'none',
        status: 403,
        code: 'authorization_denied_by_mvpd',
        message:
          'The MVPD has returned a "Deny" decision when requesting authorization for the specified resource',
        details: 'Your subscription package does not include the "Live" channel',
        helpUrl: HELP_URL,
        trace: '12f6fef9-d2e0-422b-a9d7-60d799abe353',
      },
      notBefore: 1697094207324,
      notAfter: 1697098802367,
    },
  ],
};

export const preauthorizeMixedSample = {
  decisions: [
    {
      resource: 'resource1',
      serviceProvider: 'REF30',
      mvpd: 'Cablevision',
      source: 'mvpd',
      authorized: true,
    },
    {
      resource: 'resource3',
      serviceProvider: 'REF30',
      mvpd: 'Cablevision',
      source: 'mvpd',
      authorized: false,
      error: {
        status: 403,
        code: 'preauthorization_denied_by_mvpd',
        message: 'The MVPD has returned a "Deny" decision when requesting pre-authorization.',
        helpUrl: HELP_URL,
        action: 'none',
      },
    },
  ],
};

export const logoutInteractiveSample = {
  logouts: {
    Cablevision: {
      actionName: 'logout',
      actionType: 'interactive',
      mvpd: 'Cablevision',
      url: 'https://sp.auth.adobe.com/adobe-services/logout?noflash=true&mso_id=Cablevision&requestor_id=REF30&redirect_url=http%3A%2F%2Fadobe.com',
    },
  },
};

export const logoutCompleteSample = {
  logouts: { TempPass_5mins: { actionName: 'complete', actionType: 'none', mvpd: 'TempPass_5mins' } },
};

export const invalidServiceProviderErrorSample = {
  action: 'none',
  status: 400,
  code: 'invalid_parameter_service_provider',
  message: 'The service provider parameter value is missing or invalid.',
  helpUrl: HELP_URL,
  trace: '12f6fef9-d2e0-422b-a9d7-60d799abe353',
};

export const tokenInvalidErrorSample = {
  status: 401,
  code: 'invalid_access_token_client_application',
  message: 'The access token is invalid.',
  helpUrl: HELP_URL,
  trace: '0d6c2f39-3c21-4b7c-9e36-1f7a3b5c0e11',
  action: 'application-registration',
};

export const throttledHtml =
  '<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>openresty</center></body></html>';
