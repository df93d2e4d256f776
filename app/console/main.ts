/**
 * The brand console's entry point: sign in with the organisation's API key (kept for this tab only),
 * then the console of that brand until sign-out.
 */
import { createApiClient } from "./api/client.ts";
import { ApiError } from "./api/errors.ts";
import { createAnnouncer } from "./announcer.ts";
import { createConfirm } from "./confirm-dialog.ts";
import { openConsole, type ConsoleSession } from "./console-session.ts";
import { byId } from "./dom.ts";
import { forgetApiKey, storedApiKey } from "./session.ts";
import { bindSignIn, type SignedIn } from "./sign-in.ts";

const announcer = createAnnouncer(byId("notice"), byId("alert"));
const confirm = createConfirm(byId<HTMLDialogElement>("confirm-dialog"));
let session: ConsoleSession | undefined;

const open = ({ client, brand }: SignedIn) => {
  signIn.hide();
  session = openConsole({ client, brand, announcer, confirm });
  announcer.polite(`Signed in as ${brand.name}.`);
  byId("gtin").focus();
};

const signIn = bindSignIn({ announcer, onSignedIn: open });

byId("sign-out").addEventListener("click", () => {
  session?.close();
  session = undefined;
  forgetApiKey();
  announcer.clear();
  signIn.show();
  announcer.polite("Signed out: the API key is no longer kept in this tab.");
});

const apiKey = storedApiKey();
if (apiKey === undefined) {
  signIn.show();
} else {
  const client = createApiClient({ apiKey });
  client.brand().then(
    (brand) => open({ apiKey, client, brand }),
    (error: unknown) => {
      // A refused key is dropped; after a network error it is kept, so reloading the page tries again.
      if (error instanceof ApiError) forgetApiKey();
      signIn.show(error);
    },
  );
}
