/**
 * PDF/A needs the sRGB profile the colours are meant in (src/finish/pdfa.ts), from Debian's
 * icc-profiles-free: installed here with apt-get when it is missing and we may, as Chromium is.
 */
import { existsSync } from "node:fs";
import { EnvironmentError } from "../errors.ts";
import { findOnPath } from "../print/browser.ts";
import { SRGB_PACKAGE, SRGB_PROFILE } from "../finish/srgb.ts";
import { aptInstall } from "./browser.ts";
import * as msg from "../messages.ts";

export interface ProfileSetup {
  env?: NodeJS.ProcessEnv;
  isRoot?: boolean;
  profile?: string;
  install?: (aptGet: string, env: NodeJS.ProcessEnv) => Promise<void>;
}

const advice = (profile: string) =>
  `The sRGB colour profile ${profile} is missing. Install it with:  sudo apt-get install ${SRGB_PACKAGE}`;

export async function ensureColourProfile(setup: ProfileSetup = {}): Promise<void> {
  const env = setup.env ?? process.env;
  const profile = setup.profile ?? SRGB_PROFILE;
  if (existsSync(profile)) return;
  const aptGet = findOnPath("apt-get", env);
  if (!aptGet || !(setup.isRoot ?? process.getuid?.() === 0)) throw new EnvironmentError(advice(profile));
  console.error(`No sRGB colour profile found; installing Debian's ${SRGB_PACKAGE} package with apt-get.`);
  await (setup.install ?? ((apt, e) => aptInstall(apt, e, SRGB_PACKAGE, advice(profile))))(aptGet, env);
  if (!existsSync(profile)) throw new EnvironmentError(msg.stillNoProfile(SRGB_PACKAGE, profile));
}
