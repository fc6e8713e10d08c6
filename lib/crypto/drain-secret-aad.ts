/** Additional authenticated data binding a drain secret to its organization, drain and field. */
export const drainSecretAad = (organizationId: string, drainId: string, field = "secretKey") =>
  `org:${organizationId}|drain:${drainId}|field:${field}`;
