declare module 'tls-sig-api-v2/TLSSigAPIv2.js' {
  export class Api {
    constructor(sdkappid: number, key: string);
    genSig(userid: string, expire: number, userBuf?: Buffer | null): string;
    genUserSig(userid: string, expire: number): string;
  }
}
