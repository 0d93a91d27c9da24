import type { CallName } from '../../shared/contract-names';
import type { CallResult, Req, Res } from '../../shared/contract';
export type LoketBridge = {
    [N in CallName]: (request: unknown) => Promise<unknown>;
};
declare global {
    interface Window {
        loket?: LoketBridge;
    }
}
export type Transport = (name: CallName, request: unknown) => Promise<unknown>;
/** Tests replace the transport with a fake core. */
export declare function setTransport(t: Transport | null): void;
export declare function call<N extends CallName>(name: N, request: Req<N>): Promise<CallResult<Res<N>>>;
export declare function isElectron(): boolean;
