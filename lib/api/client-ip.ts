// server.ts replaces any client-sent x-client-ip with the socket's address (or, behind a
// trusted proxy, the first X-Forwarded-For hop), so this header can be believed.
export const CLIENT_IP_HEADER = "x-client-ip";

export function clientIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER);
}
