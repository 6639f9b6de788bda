/**
 * The sRGB profile PDF/A's output intent embeds (pdfa.ts), and the Debian package that installs it
 * (setup/colour-profile.ts): apart, so that the set-up finds it without loading pdf-lib.
 */
export const SRGB_PROFILE = "/usr/share/color/icc/sRGB.icc";
export const SRGB_PACKAGE = "icc-profiles-free";
