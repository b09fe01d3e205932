import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config/env.ts';

/**
 * Over HTTPS the cookie is `__Host-relais_session`: the browser then insists on
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or read it.
 */
export const sessionCookieName = (config: Config): string =>
  config.secureCookies ? '__Host-relais_session' : 'relais_session';

export const readSessionCookie = (c: Context, config: Config): string | undefined =>
  getCookie(c, sessionCookieName(config));

export const writeSessionCookie = (c: Context, config: Config, token: string, expiresAt: Date): void => {
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.secureCookies,
    expires: expiresAt,
  });
};

export const clearSessionCookie = (c: Context, config: Config): void => {
  deleteCookie(c, sessionCookieName(config), { path: '/', secure: config.secureCookies, httpOnly: true, sameSite: 'Lax' });
};
