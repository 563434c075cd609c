import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** A product that signs its users in through Roster, as the test plays it. */
export type Product = {
  clientId: string;
  secret: string;
  /** The port the product's test listener serves its callback, farewell and logout on. */
  port: number;
  callback: string;
  bye: string;
  logout: string;
};

/** One product per project, so that the two projects' tests never share a port. */
export function product(rosterPort: number, project: string): Product {
  const port = rosterPort + (project === 'with-js' ? 20 : 30);
  const base = `http://127.0.0.1:${port}`;
  return {
    clientId: `product-${project}`,
    secret: `rcs_e2e-secret-${project}`,
    port,
    callback: `${base}/callback`,
    bye: `${base}/bye`,
    logout: `${base}/logout`,
  };
}

/** Writes the clients file the servers read at start, and returns its path. */
export function productClients(rosterPort: number): string {
  const tables = ['with-js', 'without-js'].map((project) => {
    const made = product(rosterPort, project);
    const hash = createHash('sha256').update(made.secret).digest('hex');
    return `[[client]]
id = "${made.clientId}"
name = "Clusters <b>Console</b>"
secret_sha256 = "${hash}"
redirect_uris = ["${made.callback}"]
post_logout_redirect_uris = ["${made.bye}"]
backchannel_logout_uri = "${made.logout}"
`;
  });
  // The README's picture of the picker, with a product name a reader expects.
  tables.push(`[[client]]
id = "clusters-console"
name = "Clusters Console"
redirect_uris = ["http://127.0.0.1:${rosterPort + 40}/callback"]
`);
  const file = path.join(__dirname, '..', '..', '.clients.toml');
  writeFileSync(file, tables.join('\n'));
  return file;
}
