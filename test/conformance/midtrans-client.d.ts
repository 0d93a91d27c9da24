// The part of the official midtrans-client@1.4.3 this suite drives, typed from its source
// (lib/coreApi.js, lib/transaction.js, lib/midtransError.js); the package ships no types.
declare module 'midtrans-client' {
  type Body = Record<string, unknown>;
  export class MidtransError extends Error {
    httpStatusCode: number | string | null;
    ApiResponse: unknown;
  }
  export class CoreApi {
    constructor(options: { isProduction?: boolean; serverKey?: string; clientKey?: string });
    apiConfig: { getCoreApiBaseUrl(): string; getSnapApiBaseUrl(): string };
    charge(parameter: Body): Promise<Body>;
    transaction: {
      status(id: string): Promise<Body | string>;
      cancel(id: string): Promise<Body>;
      expire(id: string): Promise<Body>;
      refund(id: string, parameter?: Body): Promise<Body>;
      refundDirect(id: string, parameter?: Body): Promise<Body>;
    };
  }
}
