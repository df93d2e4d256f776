/**
 * Signing in is reading the brand with the key: the key is kept (in this tab only) once the service
 * accepts it, and its refusal is shown beside the key field.
 */
import { createApiClient, type ApiClient } from "./api/client.ts";
import { ApiError } from "./api/errors.ts";
import type { BrandView } from "./api/types.ts";
import type { Announcer } from "./announcer.ts";
import { byId } from "./dom.ts";
import { createErrorSlots, describeError, errorSentence, renderError } from "./error-display.ts";
import { storeApiKey } from "./session.ts";

export type SignedIn = { apiKey: string; client: ApiClient; brand: BrandView };

export type BindSignInParameters = { announcer: Announcer; onSignedIn(signedIn: SignedIn): void };

export type SignInForm = {
  show(error?: unknown): void;
  hide(): void;
};

export function bindSignIn({ announcer, onSignedIn }: BindSignInParameters): SignInForm {
  const section = byId("sign-in");
  const form = byId<HTMLFormElement>("sign-in-form");
  const input = byId<HTMLInputElement>("api-key");
  const slot = { input, message: byId("api-key-error") };
  const errors = createErrorSlots({ general: byId("sign-in-error"), fieldSlot: () => undefined, all: () => [slot] });
  let busy = false;

  const showError = (error: unknown) => {
    const described = describeError(error);
    // The key travels in a header, so the API names no field: every refusal of the service is about the key.
    if (error instanceof ApiError) {
      renderError(slot.message, described);
      input.setAttribute("aria-invalid", "true");
    } else {
      errors.show(error);
    }
    announcer.assertive(errorSentence(described));
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    errors.clear();
    const apiKey = input.value.trim();
    const client = createApiClient({ apiKey });
    try {
      const brand = await client.brand();
      storeApiKey(apiKey);
      input.value = "";
      onSignedIn({ apiKey, client, brand });
    } catch (error) {
      showError(error);
      input.focus();
    } finally {
      busy = false;
    }
  });

  return {
    show(error) {
      section.hidden = false;
      errors.clear();
      if (error !== undefined) showError(error);
      input.focus();
    },
    hide() {
      section.hidden = true;
    },
  };
}
