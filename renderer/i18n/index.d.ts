import type { Locale } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
export type Translate = (key: string, params?: Record<string, string | number>) => string;
export declare function translator(locale: Locale): Translate;
/**
 * An error in the cashier's language. The core writes its messages in Indonesian and they are the
 * most specific (which receipt blocks the meter, which limit was hit), so Indonesian shows them;
 * other languages show the catalogue's text for the error's code.
 */
export declare function errorText(t: Translate, locale: Locale, error: AppError): string;
export declare function hasKey(locale: Locale, key: string): boolean;
