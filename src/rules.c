/*
 * rules.c - the rule catalogue (see rules.h).
 */
#include <string.h>

#include "ycfg/rules.h"

#define RULE(e, i, s, sum, desc, b, g) \
	[e] = { .id = i, .severity = s, .summary = sum, .description = desc, \
		.bad = b, .good = g }

static const struct ycfg_rule_info rules[YCFG_R__COUNT] = {
	RULE(YCFG_R_MISSING_HEADER, "missing-header", YCFG_SEV_ERROR,
	     "the first line is not the version header",
	     "Yealink phones require '#!version:1.0.0.1' as the very first "
	     "line of every .cfg and .boot file.  It is a header, not a "
	     "comment; a file without it is rejected by the phone.",
	     "# my settings", "#!version:1.0.0.1"),
	RULE(YCFG_R_BAD_HEADER, "bad-header", YCFG_SEV_ERROR,
	     "the version header is not '#!version:1.0.0.1'",
	     "The first line starts like a version header but is not exactly "
	     "'#!version:1.0.0.1', the only header the guides document.",
	     "#!version:1.0.0.2", "#!version:1.0.0.1"),
	RULE(YCFG_R_MISPLACED_HEADER, "misplaced-header", YCFG_SEV_ERROR,
	     "a version header appears after line 1",
	     "The version header is only recognised on line 1.  Further on it "
	     "is at best an ignored comment; usually a sign that two files "
	     "were concatenated or a line was inserted above the header.",
	     "# provisioned by X\n#!version:1.0.0.1",
	     "#!version:1.0.0.1\n# provisioned by X"),
	RULE(YCFG_R_UTF8_BOM, "utf8-bom", YCFG_SEV_WARNING,
	     "the file starts with a UTF-8 byte order mark",
	     "A byte order mark before '#!version:1.0.0.1' means the header "
	     "is not the first thing in the file.  Save the file as UTF-8 "
	     "without BOM.", NULL, NULL),
	RULE(YCFG_R_NOT_TEXT, "not-text", YCFG_SEV_ERROR,
	     "the file is binary, compressed or encrypted",
	     "The file does not look like a text provisioning file: it is "
	     "gzip-compressed, or mostly non-text bytes (Yealink can AES-encrypt "
	     "configuration files).  Nothing in it is checked; lint the "
	     "plain-text source instead.", NULL, NULL),
	RULE(YCFG_R_LEGACY_FORMAT, "legacy-format", YCFG_SEV_ERROR,
	     "legacy '[ section ]' format of old firmware",
	     "Firmware before version 70 used an INI-like format with "
	     "'[ section ]' headers and 'path =' lines.  ycfg does not "
	     "check that format: the section and everything after it is "
	     "skipped, with this single diagnostic.",
	     "[ account ]\npath = /config/voip/sipAccount0.cfg",
	     "#!version:1.0.0.1\naccount.1.enable = 1"),
	RULE(YCFG_R_NO_FINAL_NEWLINE, "no-final-newline", YCFG_SEV_INFO,
	     "the last line has no line ending",
	     "The file does not end with a line ending.  Phones read the last "
	     "line anyway, but tools that append to the file will glue two "
	     "settings together.", NULL, NULL),
	RULE(YCFG_R_CR_LINE_ENDING, "cr-line-ending", YCFG_SEV_WARNING,
	     "lines end with a lone CR",
	     "Lines end with a carriage return alone (old Mac style).  ycfg "
	     "reads them, but the guides only show LF or CRLF files.",
	     NULL, NULL),
	RULE(YCFG_R_FILE_TOO_LARGE, "file-too-large", YCFG_SEV_ERROR,
	     "the file exceeds the size limit",
	     "Files larger than the documented limit are not read.", NULL,
	     NULL),
	RULE(YCFG_R_MISSING_EQUALS, "missing-equals", YCFG_SEV_ERROR,
	     "a line is neither a comment nor 'key = value'",
	     "Every line that is not blank and not a '#' comment must be "
	     "'key = value'.  A line without '=' is ignored by the phone; "
	     "often a key broken across two lines or a comment without '#'.",
	     "account.1.enable 1", "account.1.enable = 1"),
	RULE(YCFG_R_EMPTY_KEY, "empty-key", YCFG_SEV_ERROR,
	     "a line has nothing before '='",
	     "The line starts with '=' (after optional spaces), so it sets "
	     "no parameter.", "= 1", "account.1.enable = 1"),
	RULE(YCFG_R_SPACE_IN_KEY, "space-in-key", YCFG_SEV_ERROR,
	     "a key contains whitespace",
	     "Parameter names never contain spaces or tabs; the phone will not "
	     "match this key to any parameter.",
	     "account.1.sip server.1.address = pbx.example.com",
	     "account.1.sip_server.1.address = pbx.example.com"),
	RULE(YCFG_R_KEY_TOO_LONG, "key-too-long", YCFG_SEV_ERROR,
	     "a key exceeds the key length limit",
	     "No Yealink parameter name is anywhere near 255 bytes; a longer "
	     "key is garbage and is not checked further.", NULL, NULL),
	RULE(YCFG_R_LINE_TOO_LONG, "line-too-long", YCFG_SEV_ERROR,
	     "a line exceeds the line length limit",
	     "Lines longer than 8192 bytes are reported and skipped; the rest "
	     "of the file is still checked.", NULL, NULL),
	RULE(YCFG_R_NUL_BYTE, "nul-byte", YCFG_SEV_ERROR,
	     "a line contains a NUL byte",
	     "A NUL byte inside a text file truncates the line for most "
	     "readers, including the phone.  The line is skipped.", NULL,
	     NULL),
	RULE(YCFG_R_INVALID_UTF8, "invalid-utf8", YCFG_SEV_WARNING,
	     "a line contains bytes that are not valid UTF-8",
	     "Phones read UTF-8 (or plain ASCII).  Bytes in another encoding "
	     "(Latin-1, GBK) show up as garbage on the display.  ycfg never "
	     "passes such bytes on: outputs escape them.", NULL, NULL),
	RULE(YCFG_R_TRAILING_WHITESPACE, "trailing-whitespace", YCFG_SEV_INFO,
	     "a line ends with spaces or tabs",
	     "Trailing whitespace after a value is trimmed by ycfg; some "
	     "firmware keeps it as part of the value (a password with a "
	     "trailing space fails to register).",
	     "account.1.user_name = 1001  ", "account.1.user_name = 1001"),
	RULE(YCFG_R_LEADING_WHITESPACE, "leading-whitespace", YCFG_SEV_INFO,
	     "a key is indented",
	     "Whitespace before a key is unusual in provisioning files and "
	     "often the sign of a broken template.",
	     " account.1.enable = 1", "account.1.enable = 1"),
	RULE(YCFG_R_DUPLICATE_KEY, "duplicate-key", YCFG_SEV_WARNING,
	     "a key is set more than once in one file",
	     "When a key appears twice in one file the later line wins, which "
	     "is rarely what the author meant.  Keys that are legitimately "
	     "repeated (security.user_password = user:... / admin:...) are "
	     "keyed by the text before ':'.",
	     "account.1.enable = 0\naccount.1.enable = 1",
	     "account.1.enable = 1"),
	RULE(YCFG_R_INCLUDE_IN_CFG, "include-in-cfg", YCFG_SEV_ERROR,
	     "an include:config line in a .cfg file",
	     "'include:config' is a boot-file directive; in a .cfg file it is "
	     "not a setting and is ignored.", NULL, NULL),
	RULE(YCFG_R_BAD_INCLUDE, "bad-include", YCFG_SEV_ERROR,
	     "a malformed include:config line",
	     "An include line names exactly one .cfg file, quoted or not: "
	     "include:config \"file.cfg\".",
	     "include:config", "include:config \"y000000000000.cfg\""),
	RULE(YCFG_R_BAD_MODEL_BLOCK, "bad-model-block", YCFG_SEV_ERROR,
	     "a malformed [MODEL] block",
	     "A model block in a boot file is '[T46U,T54W]': model names "
	     "separated by commas.", "[T46U,]", "[T46U,T54W]"),
	RULE(YCFG_R_BAD_OVERWRITE_MODE, "bad-overwrite-mode", YCFG_SEV_ERROR,
	     "overwrite_mode is not 0 or 1",
	     "overwrite_mode in a boot file takes 0 (blank values keep the "
	     "current setting) or 1 (blank values reset to the factory "
	     "default).", "overwrite_mode = yes", "overwrite_mode = 1"),
	RULE(YCFG_R_UNKNOWN_BOOT_DIRECTIVE, "unknown-boot-directive",
	     YCFG_SEV_WARNING,
	     "a boot file sets something other than its directives",
	     "Boot files only list files to load (include:config) and set "
	     "overwrite_mode; settings belong in the included .cfg files.",
	     "account.1.enable = 1", "include:config \"account.cfg\""),
	RULE(YCFG_R_MISSING_INCLUDE, "missing-include", YCFG_SEV_ERROR,
	     "an included file does not exist",
	     "The file named by include:config does not exist relative to the "
	     "boot file's directory; the phone's download of it will fail.",
	     "include:config \"y00000000000.cfg\"",
	     "include:config \"y000000000000.cfg\""),
	RULE(YCFG_R_URL_INCLUDE, "url-include", YCFG_SEV_INFO,
	     "an include names a URL, which ycfg does not fetch",
	     "The guides allow absolute URLs in include:config.  ycfg never "
	     "fetches anything over the network, so that file is not checked "
	     "and takes no part in resolution.",
	     "include:config \"http://prov.example.com/common.cfg\"",
	     "include:config \"common.cfg\""),
	RULE(YCFG_R_INCLUDE_OUTSIDE, "include-outside-tree", YCFG_SEV_WARNING,
	     "an include points outside the boot file's directory",
	     "The path climbs out of the directory that holds the boot file "
	     "(or is absolute).  ycfg does not read files outside the tree; "
	     "keep provisioning files together.",
	     "include:config \"../../etc/passwd.cfg\"",
	     "include:config \"common.cfg\""),
	RULE(YCFG_R_INCLUDE_CYCLE, "include-cycle", YCFG_SEV_ERROR,
	     "a boot file includes a boot file",
	     "include:config must name a .cfg file.  A boot file that includes "
	     "itself or another boot file would loop.",
	     "include:config \"y000000000000.boot\"",
	     "include:config \"y000000000000.cfg\""),
	RULE(YCFG_R_UNKNOWN_MODEL, "unknown-model", YCFG_SEV_WARNING,
	     "a model name is not in the model table",
	     "A [MODEL] block or --model names a model the schema's model "
	     "table does not list; account ranges for it are unknown.",
	     "[T46X]include:config \"t46.cfg\"",
	     "[T46U]include:config \"t46.cfg\""),
	RULE(YCFG_R_INVALID_VALUE, "invalid-value", YCFG_SEV_ERROR,
	     "a value does not have the parameter's type",
	     "The value cannot be read as the type the schema gives the "
	     "parameter (integer, 0/1, one of a list, host name, URL).  "
	     "Integers are strict: no sign '+', no hex, no fraction, no "
	     "leading zero.",
	     "account.1.sip_server.1.port = +5060",
	     "account.1.sip_server.1.port = 5060"),
	RULE(YCFG_R_OUT_OF_RANGE, "out-of-range", YCFG_SEV_ERROR,
	     "a number is outside the permitted range",
	     "The value is a number but outside what the guide permits.",
	     "account.1.sip_server.1.expires = 10",
	     "account.1.sip_server.1.expires = 3600"),
	RULE(YCFG_R_VALUE_ADJUSTED, "value-adjusted", YCFG_SEV_WARNING,
	     "the phone silently replaces this value",
	     "The guide says the phone treats some values as another one "
	     "(failback_timeout 1..59 becomes 60).  Write the value the phone "
	     "will use.",
	     "account.1.sip_server.1.failback_timeout = 30",
	     "account.1.sip_server.1.failback_timeout = 60"),
	RULE(YCFG_R_VALUE_TOO_LONG, "value-too-long", YCFG_SEV_ERROR,
	     "a string is longer than the parameter allows",
	     "The value has more characters than the guide permits for this "
	     "parameter.", NULL, NULL),
	RULE(YCFG_R_UNKNOWN_KEY, "unknown-key", YCFG_SEV_WARNING,
	     "a key inside account.* is not a known parameter",
	     "The key is in a namespace the schema covers (account.*) but "
	     "matches no parameter; the phone ignores it.  A suggestion is "
	     "given when a known key is close.  Keys outside the schema's "
	     "namespaces are not flagged.",
	     "account.1.sip_server.1.adress = pbx.example.com",
	     "account.1.sip_server.1.address = pbx.example.com"),
	RULE(YCFG_R_ACCOUNT_INDEX, "account-index", YCFG_SEV_ERROR,
	     "an account index is 0, malformed or beyond the model",
	     "Account indexes run from 1 to the number of accounts of the "
	     "model (16 when no model is given).  0, leading zeros, "
	     "negative numbers and unrendered template placeholders are "
	     "errors.", "account.0.enable = 1", "account.1.enable = 1"),
	RULE(YCFG_R_INDEX_RANGE, "index-range", YCFG_SEV_ERROR,
	     "a server or other index is out of range",
	     "Server indexes (sip_server.Y, outbound_proxy.Y) are 1 or 2; "
	     "other numbered segments follow the schema's n_range.",
	     "account.1.sip_server.3.address = pbx.example.com",
	     "account.1.sip_server.2.address = pbx.example.com"),
	RULE(YCFG_R_RENAMED_KEY, "renamed-key", YCFG_SEV_INFO,
	     "a legacy key has a newer replacement",
	     "Older firmware used this key; newer guides replace it (for "
	     "example account.X.transport by the per-server "
	     "account.X.sip_server.Y.transport_type).",
	     "account.1.transport = 1",
	     "account.1.sip_server.1.transport_type = 1"),
	RULE(YCFG_R_INEFFECTIVE_SETTING, "ineffective-setting",
	     YCFG_SEV_WARNING,
	     "a setting has no effect because a condition it needs is false",
	     "Some parameters only act when others have given values (the "
	     "schema's 'requires' notes).  The condition is judged on "
	     "effective values, after -1 fallbacks, and the message says "
	     "where each value came from.",
	     "account.1.sip_server.1.only_signal_with_registered = 1\n"
	     "account.1.sip_server.1.failback_mode = 0",
	     "account.1.sip_server.1.only_signal_with_registered = 1\n"
	     "account.1.sip_server.1.failback_mode = 2\n"
	     "account.1.sip_server.1.register_on_enable = 1"),
	RULE(YCFG_R_UNKNOWN_SUPPRESSION, "unknown-suppression", YCFG_SEV_INFO,
	     "a suppression comment is malformed or names an unknown rule",
	     "A '# ycfg:' comment line is a suppression directive: "
	     "disable-next-line=RULE[,RULE], disable=RULE[,RULE] ... "
	     "enable=RULE[,RULE], or disable-file=RULE[,RULE], where RULE is "
	     "a rule id from 'ycfg rules' or 'all'.  This one has an unknown "
	     "directive or rule id (usually a typo), so it suppresses nothing "
	     "for that name.",
	     "# ycfg: disable-next-line=unknown-keys",
	     "# ycfg: disable-next-line=unknown-key"),
	RULE(YCFG_R_UNUSED_SUPPRESSION, "unused-suppression", YCFG_SEV_INFO,
	     "a suppression comment suppressed nothing",
	     "The directive names a rule that reported nothing in its scope "
	     "(or an 'enable' without an open 'disable').  Remove it, so that "
	     "it cannot hide a future finding by accident.  Rules turned off "
	     "in the configuration are not reported here.",
	     "# ycfg: disable-next-line=duplicate-key\naccount.1.enable = 1",
	     "account.1.enable = 1"),
	RULE(YCFG_R_SCHEMA_ERROR, "schema-error", YCFG_SEV_ERROR,
	     "a schema file is malformed",
	     "A schema file (schema/*.yaml or --schema FILE) could not be "
	     "loaded; the message names the entry and the reason.", NULL,
	     NULL),
	RULE(YCFG_R_NOT_LOADED, "not-loaded", YCFG_SEV_WARNING,
	     "a phone's own file is not loaded by its phone",
	     "A phone fetches its <MAC>.boot, or else the common boot file "
	     "y000000000000.boot, and loads only the files that boot file "
	     "includes; <MAC>.cfg is loaded by itself only when neither boot "
	     "file exists.  This <MAC>.cfg is not included by the boot file "
	     "its phone follows, so none of its settings reach the phone.",
	     "y000000000000.boot:  include:config \"y000000000000.cfg\"",
	     "y000000000000.boot:  include:config \"y000000000000.cfg\"\n"
	     "001565d4e5f6.boot:   include:config \"001565d4e5f6.cfg\""),
	RULE(YCFG_R_UNKNOWN_PHONE_MODEL, "unknown-phone-model", YCFG_SEV_INFO,
	     "[MODEL] include lines not followed: the phone's model is unknown",
	     "A boot file includes files for some models only ([T54W]"
	     "include:config ...).  ycfg does not know the model of the phones "
	     "that follow it, so it cannot tell whether they load those files "
	     "and judges them without.  Give the model with --model or with "
	     "'phones:' in .ycfg.yaml (a MAC or glob to a model).", NULL,
	     NULL),
	RULE(YCFG_R_INLINE_COMMENT, "inline-comment", YCFG_SEV_WARNING,
	     "a value carries what looks like an end-of-line comment",
	     "Comments in Yealink files are whole lines starting with '#'.  "
	     "Text after a value, such as '## voicemail' or '; 2 = TLS', is "
	     "part of the value: the phone dials it, shows it or rejects the "
	     "value.  A '#' inside a token (*97#, Desk#2) is not a comment.",
	     "voice_mail.number.1 = *97   ## voicemail",
	     "## voicemail\nvoice_mail.number.1 = *97"),
	RULE(YCFG_R_QUOTED_VALUE, "quoted-value", YCFG_SEV_WARNING,
	     "a value is wrapped in quotes",
	     "Values are taken as written: quotes around a value become part "
	     "of it ('\"English\"' is not a language the phone knows).",
	     "lang.gui = \"English\"", "lang.gui = English"),
	RULE(YCFG_R_MASKED_SECRET, "masked-secret", YCFG_SEV_WARNING,
	     "a secret's value is only asterisks",
	     "A password, PIN or key made only of '*' is almost always a masked "
	     "value copied from a report or from ycfg resolve output, not the "
	     "real secret; a phone given it fails to register or to "
	     "provision.", "account.1.password = ********",
	     "account.1.password = (the real password)"),
	RULE(YCFG_R_BRACKET_LINE, "bracket-line", YCFG_SEV_ERROR,
	     "a '[...]' line in a .cfg file",
	     "Modern .cfg files have no sections; '[MODEL]' blocks exist only "
	     "in boot files.  The phone ignores the line; the settings after "
	     "it are read as usual (and checked).  Files of pre-v70 firmware, "
	     "with '[ section ]' and 'path =' lines, are legacy-format.",
	     "[SIP]\naccount.1.enable = 1", "account.1.enable = 1"),
	RULE(YCFG_R_LINK_NOT_FOLLOWED, "link-not-followed", YCFG_SEV_WARNING,
	     "a symbolic link in the tree is not followed",
	     "A directory walk never leaves the directory it was given: a "
	     "link to a file or directory outside it, and a link to nothing, "
	     "are not read.  Name the target on the command line to lint it, "
	     "or copy it into the tree.",
	     "common.cfg -> /etc/provisioning/common.cfg",
	     "common.cfg (a file in the tree)"),
	RULE(YCFG_R_NOT_ON_MODEL, "not-on-model", YCFG_SEV_WARNING,
	     "a key of another kind of phone",
	     "The schema says on which models or kinds of phone (desk, DECT, "
	     "conference, video) a key exists.  When the phone's model is "
	     "known (--model, a [MODEL] line, phones: in .ycfg.yaml), a key "
	     "it does not have is ignored by it: usually a DECT setting in a "
	     "desk phone's file, or the other way round.",
	     "# a T54W phone\ncustom.handset.language = 1",
	     "# only in the DECT base's files\ncustom.handset.language = 1"),
	RULE(YCFG_R_JOINED_LINES, "joined-lines", YCFG_SEV_ERROR,
	     "a template's whitespace control glues a setting to a line",
	     "In a Jinja or Twig template, '{%-' and '-%}' remove the line "
	     "breaks next to a tag, and a block tag alone on its line takes "
	     "its own line break along (Twig, and Jinja with trim_blocks).  "
	     "When that puts a setting on the same rendered line as an "
	     "earlier setting or the version header, the phone reads the two "
	     "as one line: the second setting is lost inside the first one's "
	     "value.",
	     "account.1.label = {{ label -}}\naccount.1.enable = 1",
	     "account.1.label = {{ label }}\naccount.1.enable = 1"),
};

const struct ycfg_rule_info *
ycfg_rule_info(enum ycfg_rule r)
{
	if ((unsigned)r >= YCFG_R__COUNT)
		return NULL;
	return &rules[r];
}

int
ycfg_rule_by_id(const char *id)
{
	for (int i = 0; i < YCFG_R__COUNT; i++)
		if (strcmp(rules[i].id, id) == 0)
			return i;
	return -1;
}

/* What lint --fix repairs, rule by rule (the rest have no fix). */
static const struct {
	enum ycfg_rule rule;
	enum ycfg_fix_kind kind;
	const char *how;
} fixes[] = {
	{ YCFG_R_UTF8_BOM, YCFG_FIX_SAFE, "the byte order mark is removed" },
	{ YCFG_R_NO_FINAL_NEWLINE, YCFG_FIX_SAFE,
	  "a line ending is added after the last line" },
	{ YCFG_R_CR_LINE_ENDING, YCFG_FIX_SAFE,
	  "each lone CR becomes a line feed" },
	{ YCFG_R_TRAILING_WHITESPACE, YCFG_FIX_SAFE,
	  "the blanks at the end of the line are removed" },
	{ YCFG_R_LEADING_WHITESPACE, YCFG_FIX_SAFE,
	  "the blanks before the key are removed" },
	{ YCFG_R_DUPLICATE_KEY, YCFG_FIX_BOTH,
	  "the earlier line is removed: safe when it has the same value, "
	  "unsafe when its value differs (and the later one is not blank)" },
	{ YCFG_R_INVALID_VALUE, YCFG_FIX_UNSAFE,
	  "a value with one obvious reading is rewritten: '+5060' becomes "
	  "'5060', an enum value in the wrong case its listed spelling and "
	  "an enum label its value ('UDP' becomes '0'), "
	  "'yes'/'no' (true/false, on/off) of a boolean 1/0, a 'sip:' "
	  "scheme before a host or address is removed; other values are "
	  "left" },
	{ YCFG_R_QUOTED_VALUE, YCFG_FIX_UNSAFE, "the quotes are removed" },
	{ YCFG_R_INLINE_COMMENT, YCFG_FIX_UNSAFE,
	  "the comment moves to its own line above the setting" },
	{ YCFG_R_RENAMED_KEY, YCFG_FIX_UNSAFE,
	  "the key is renamed to its current name, with the same value" },
};

enum ycfg_fix_kind
ycfg_rule_fix(enum ycfg_rule r, const char **how)
{
	for (size_t i = 0; i < sizeof(fixes) / sizeof(fixes[0]); i++)
		if (fixes[i].rule == r) {
			if (how != NULL)
				*how = fixes[i].how;
			return fixes[i].kind;
		}
	if (how != NULL)
		*how = NULL;
	return YCFG_FIX_NONE;
}

const char *
ycfg_fix_kind_name(enum ycfg_fix_kind k)
{
	switch (k) {
	case YCFG_FIX_SAFE: return "safe";
	case YCFG_FIX_UNSAFE: return "unsafe";
	case YCFG_FIX_BOTH: return "safe or unsafe";
	case YCFG_FIX_NONE: break;
	}
	return "none";
}

const char *
ycfg_severity_name(enum ycfg_severity s)
{
	switch (s) {
	case YCFG_SEV_INFO: return "info";
	case YCFG_SEV_WARNING: return "warning";
	case YCFG_SEV_ERROR: return "error";
	}
	return "?";
}

int
ycfg_severity_parse(const char *s, enum ycfg_severity *out)
{
	static const char *const names[] = { "info", "warning", "error" };

	for (int i = 0; i < 3; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum ycfg_severity)i;
			return 0;
		}
	}
	return -1;
}
