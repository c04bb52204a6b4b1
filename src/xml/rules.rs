//! The `xml/*` codes: well-formedness problems the reader reports (and recovers from).

use crate::diagnostics::{docs, Rule, Severity};
use crate::profile::PerProfile;

const ERROR: PerProfile<Option<Severity>> = PerProfile::all(Some(Severity::Error));
const WARNING: PerProfile<Option<Severity>> = PerProfile::all(Some(Severity::Warning));

pub static BARE_AMPERSAND: Rule = Rule {
    code: "xml/bare-ampersand",
    summary: "`&` that does not start a reference must be written `&amp;`",
    severity: PerProfile::new(Some(Severity::Error), Some(Severity::Warning), Some(Severity::Error)),
    explanation: docs!(
        "In XML, `&` starts an entity or character reference (`&amp;`, `&#38;`). A bare `&` \
        (typically between SIP URI headers: `?h1=a&h2=b`) makes the document not well-formed. \
        Restcomm-Connect runs a repair pass before parsing that escapes the first bare `&` before \
        each `;` of the raw document, but only the first: a second one in the same stretch stays \
        bare and the whole document fails to parse, hanging the call up. Write `&amp;` everywhere."
    ),
    wrong: docs!("<Response><Dial><Sip>sip:alice@example.com?h1=a&h2=b</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com?h1=a&amp;h2=b</Sip></Dial></Response>"),
    row: Some("V4"),
};

pub static UNDEFINED_ENTITY: Rule = Rule {
    code: "xml/undefined-entity",
    summary: "reference to an entity that is not defined",
    severity: ERROR,
    explanation: docs!(
        "RCML documents have no DTD, so only the five predefined entities exist: `&amp;`, \
        `&lt;`, `&gt;`, `&quot;` and `&apos;`. HTML entities such as `&nbsp;` are undefined and \
        the platform's parser rejects the document. Use a character reference (`&#160;`) or \
        escape the `&`."
    ),
    wrong: docs!("<Response><Say>Hello&nbsp;world</Say></Response>"),
    right: docs!("<Response><Say>Hello&#160;world</Say></Response>"),
    row: None,
};

pub static INVALID_CHAR_REF: Rule = Rule {
    code: "xml/invalid-char-ref",
    summary: "character reference to a code point XML does not allow",
    severity: ERROR,
    explanation: docs!(
        "A character reference must name a character XML allows: tab, line feed, carriage \
        return, U+0020 to U+D7FF, U+E000 to U+FFFD or U+10000 to U+10FFFF. `&#0;`, other control \
        characters, surrogates (`&#xD800;`) and values past U+10FFFF are fatal errors."
    ),
    wrong: docs!("<Response><Say>bell&#7;</Say></Response>"),
    right: docs!("<Response><Say>bell</Say></Response>"),
    row: None,
};

pub static CURLY_QUOTES: Rule = Rule {
    code: "xml/curly-quotes",
    summary: "attribute value delimited by typographic quotes instead of `\"`",
    severity: ERROR,
    explanation: docs!("Attribute values must be delimited by straight quotes, `\"` or `'`. Typographic \
        quotes (`“ ” ‘ ’ ″`) usually come from copying a document out of a word processor or a web \
        page; the Sip noun documentation's own Video example (`<Video enable=”true”>`) has them. \
        The platform's parser rejects the document."),
    wrong: docs!("<Response><Dial><Sip name=\"sip:alice@127.0.0.1:5080\"><Video enable=”true”></Video></Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip name=\"sip:alice@127.0.0.1:5080\"><Video enable=\"true\"></Video></Sip></Dial></Response>"),
    row: None,
};

pub static UNQUOTED_ATTRIBUTE: Rule = Rule {
    code: "xml/unquoted-attribute",
    summary: "attribute value without quotes",
    severity: ERROR,
    explanation: docs!(
        "XML requires every attribute value to be quoted (`timeout=\"30\"`); HTML's \
        unquoted values are not well-formed XML."
    ),
    wrong: docs!("<Response><Dial timeout=30><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial timeout=\"30\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static LT_IN_ATTRIBUTE: Rule = Rule {
    code: "xml/lt-in-attribute",
    summary: "`<` inside an attribute value must be written `&lt;`",
    severity: ERROR,
    explanation: docs!(
        "A literal `<` is not allowed in an attribute value, even between quotes. Write \
        `&lt;`."
    ),
    wrong: docs!("<Response><Say voice=\"a<b\">Hello</Say></Response>"),
    right: docs!("<Response><Say voice=\"a&lt;b\">Hello</Say></Response>"),
    row: None,
};

pub static DUPLICATE_ATTRIBUTE: Rule = Rule {
    code: "xml/duplicate-attribute",
    summary: "the same attribute appears twice on one element",
    severity: ERROR,
    explanation: docs!(
        "An attribute may appear only once per element; the platform's parser rejects the \
        document. Keep one of the values."
    ),
    wrong: docs!(
        "<Response><Dial timeout=\"10\" timeout=\"20\"><Sip>sip:alice@example.com</Sip></Dial></Response>"
    ),
    right: docs!("<Response><Dial timeout=\"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static MISSING_EQUALS: Rule = Rule {
    code: "xml/missing-equals",
    summary: "attribute name and value not separated by `=`",
    severity: ERROR,
    explanation: docs!("An attribute is written `name=\"value\"`; the `=` cannot be left out."),
    wrong: docs!("<Response><Dial timeout\"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial timeout=\"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static ATTRIBUTE_WITHOUT_VALUE: Rule = Rule {
    code: "xml/attribute-without-value",
    summary: "attribute without a value",
    severity: ERROR,
    explanation: docs!(
        "XML has no boolean attributes: `<Dial record>` is not well-formed. Write the \
        value, as in `record=\"true\"`."
    ),
    wrong: docs!("<Response><Dial record><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial record=\"true\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static UNCLOSED_ATTRIBUTE_VALUE: Rule = Rule {
    code: "xml/unclosed-attribute-value",
    summary: "attribute value without its closing quote",
    severity: ERROR,
    explanation: docs!(
        "An attribute value runs to the next quote of the same kind; without it, the rest \
        of the document becomes part of the value."
    ),
    wrong: docs!("<Response><Dial timeout=\"10><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial timeout=\"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static MISSING_ATTRIBUTE_SPACE: Rule = Rule {
    code: "xml/missing-attribute-space",
    summary: "attributes not separated by whitespace",
    severity: ERROR,
    explanation: docs!("XML requires whitespace between attributes: `a=\"1\"b=\"2\"` is not well-formed."),
    wrong: docs!(
        "<Response><Dial timeout=\"10\"record=\"true\"><Sip>sip:alice@example.com</Sip></Dial></Response>"
    ),
    right: docs!(
        "<Response><Dial timeout=\"10\" record=\"true\"><Sip>sip:alice@example.com</Sip></Dial></Response>"
    ),
    row: None,
};

pub static MALFORMED_TAG: Rule = Rule {
    code: "xml/malformed-tag",
    summary: "unexpected character inside a tag",
    severity: ERROR,
    explanation: docs!(
        "Between `<name` and `>` only attributes (`name=\"value\"`), whitespace and, at the \
        very end, `/` may appear."
    ),
    wrong: docs!("<Response><Dial \"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static INVALID_NAME: Rule = Rule {
    code: "xml/invalid-name",
    summary: "element or attribute name that is not an XML name",
    severity: ERROR,
    explanation: docs!(
        "XML names start with a letter, `_` or `:` and continue with letters, digits, `-`, \
        `.`, `_` or `:`."
    ),
    wrong: docs!("<Response><Dial 1timeout=\"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial timeout=\"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static UNESCAPED_LT: Rule = Rule {
    code: "xml/unescaped-lt",
    summary: "`<` in text that does not start a tag must be written `&lt;`",
    severity: ERROR,
    explanation: docs!(
        "In XML text, `<` always starts markup. A literal less-than sign must be written \
        `&lt;`."
    ),
    wrong: docs!("<Response><Say>1 < 2</Say></Response>"),
    right: docs!("<Response><Say>1 &lt; 2</Say></Response>"),
    row: None,
};

pub static UNCLOSED_TAG: Rule = Rule {
    code: "xml/unclosed-tag",
    summary: "tag without its closing `>`",
    severity: ERROR,
    explanation: docs!(
        "Every start and end tag ends with `>`. A tag that runs into the next `<` or into \
        the end of the document is not well-formed."
    ),
    wrong: docs!("<Response><Dial <Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static MISMATCHED_END_TAG: Rule = Rule {
    code: "xml/mismatched-end-tag",
    summary: "end tag that does not match the open start tag",
    severity: ERROR,
    explanation: docs!(
        "Each end tag must close the most recently opened element, with exactly the same \
        name (names are case-sensitive: `</sip>` does not close `<Sip>`)."
    ),
    wrong: docs!("<Response><Dial><Sip>sip:alice@example.com</sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static UNCLOSED_ELEMENT: Rule = Rule {
    code: "xml/unclosed-element",
    summary: "element that is never closed",
    severity: ERROR,
    explanation: docs!(
        "Every start tag needs a matching end tag (or must be written self-closing, \
        `<Hangup/>`). The element is reported where it starts."
    ),
    wrong: docs!("<Response><Dial><Sip>sip:alice@example.com</Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static UNEXPECTED_END_TAG: Rule = Rule {
    code: "xml/unexpected-end-tag",
    summary: "end tag without a matching start tag",
    severity: ERROR,
    explanation: docs!("An end tag must close an open element. This one closes nothing: remove it."),
    wrong: docs!("<Response><Hangup/></Response></Hangup>"),
    right: docs!("<Response><Hangup/></Response>"),
    row: None,
};

pub static MALFORMED_END_TAG: Rule = Rule {
    code: "xml/malformed-end-tag",
    summary: "end tag with attributes, a missing name or space after `</`",
    severity: ERROR,
    explanation: docs!("An end tag is exactly `</name>` (whitespace is allowed before the `>` only)."),
    wrong: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip transport=\"udp\"></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static MULTIPLE_ROOTS: Rule = Rule {
    code: "xml/multiple-roots",
    summary: "more than one top-level element",
    severity: ERROR,
    explanation: docs!(
        "An XML document has exactly one root element; everything must be inside \
        `<Response>`."
    ),
    wrong: docs!("<Response><Say>Hello</Say></Response><Hangup/>"),
    right: docs!("<Response><Say>Hello</Say><Hangup/></Response>"),
    row: None,
};

pub static TEXT_OUTSIDE_ROOT: Rule = Rule {
    code: "xml/text-outside-root",
    summary: "text before or after the root element",
    severity: ERROR,
    explanation: docs!(
        "Only whitespace, comments and processing instructions may appear outside the root \
        element."
    ),
    wrong: docs!("<Response><Say>Hello</Say></Response>goodbye"),
    right: docs!("<Response><Say>Hello goodbye</Say></Response>"),
    row: None,
};

pub static EMPTY_DOCUMENT: Rule = Rule {
    code: "xml/empty-document",
    summary: "the document has no root element",
    severity: ERROR,
    explanation: docs!(
        "An RCML document is one `<Response>` element; an empty document (or one with only \
        comments) is not XML, and the platform hangs the call up."
    ),
    wrong: docs!("<!-- nothing yet -->"),
    right: docs!("<Response/>"),
    row: None,
};

pub static DECLARATION_NOT_AT_START: Rule = Rule {
    code: "xml/declaration-not-at-start",
    summary: "the XML declaration is not at the very start of the document",
    severity: PerProfile::new(Some(Severity::Error), Some(Severity::Warning), Some(Severity::Error)),
    explanation: docs!(
        "`<?xml …?>` must be the first thing in the document: not even a blank line or a \
        space may come before it (a template engine that emits a newline first breaks the \
        document). Restcomm-Connect trims the document before parsing, which hides leading \
        whitespace; other parsers reject it."
    ),
    wrong: docs!("\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Hangup/></Response>"),
    right: docs!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Hangup/></Response>"),
    row: None,
};

pub static MALFORMED_DECLARATION: Rule = Rule {
    code: "xml/malformed-declaration",
    summary: "XML declaration that is not `<?xml version=\"1.0\" …?>`",
    severity: ERROR,
    explanation: docs!(
        "The declaration is `<?xml version=\"1.0\"?>`, optionally followed by \
        `encoding=\"UTF-8\"` and `standalone=\"yes\"`/`\"no\"`, in that order, each value quoted, and \
        ends with `?>`."
    ),
    wrong: docs!("<?xml encoding=\"UTF-8\"?><Response><Hangup/></Response>"),
    right: docs!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>"),
    row: None,
};

pub static UNSUPPORTED_ENCODING: Rule = Rule {
    code: "xml/unsupported-encoding",
    summary: "the XML declaration names an encoding other than UTF-8",
    severity: WARNING,
    explanation: docs!(
        "RCML documents are read as UTF-8 here. A document that declares another encoding \
        is decoded differently by the platform; with non-ASCII characters (names in `<Say>`, \
        SIP display names) they come out wrong. Save the document as UTF-8 and declare it."
    ),
    wrong: docs!("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Response><Hangup/></Response>"),
    right: docs!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>"),
    row: None,
};

pub static DOCTYPE: Rule = Rule {
    code: "xml/doctype",
    summary: "`<!DOCTYPE>` declaration in an RCML document",
    severity: ERROR,
    explanation: docs!(
        "RCML has no DTD. A document type declaration is the vehicle of entity expansion \
        attacks (billion laughs) and of external entities that read files or URLs; this \
        validator never expands or fetches anything declared there, and platforms reject or \
        ignore it. Remove it."
    ),
    wrong: docs!("<!DOCTYPE Response><Response><Hangup/></Response>"),
    right: docs!("<Response><Hangup/></Response>"),
    row: Some("V28"),
};

pub static ENTITY_DECLARATION: Rule = Rule {
    code: "xml/entity-declaration",
    summary: "entity declaration (never expanded, never fetched)",
    severity: ERROR,
    explanation: docs!("`<!ENTITY>` declarations are not part of RCML. Internal entities are not expanded \
        (references to them stay undefined) and external entities (`SYSTEM \"file:…\"`) are never \
        read: a document that relies on them does not do what it says."),
    wrong: docs!("<!DOCTYPE r [<!ENTITY host \"example.com\">]><Response><Dial><Sip>sip:alice@&host;</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V28"),
};

pub static UNCLOSED_COMMENT: Rule = Rule {
    code: "xml/unclosed-comment",
    summary: "comment without its closing `-->`",
    severity: ERROR,
    explanation: docs!(
        "A comment runs from `<!--` to the next `-->`; without it the rest of the document \
        is a comment."
    ),
    wrong: docs!("<Response><!-- dial alice <Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><!-- dial alice --><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static UNCLOSED_CDATA: Rule = Rule {
    code: "xml/unclosed-cdata",
    summary: "CDATA section without its closing `]]>`",
    severity: ERROR,
    explanation: docs!(
        "A CDATA section runs from `<![CDATA[` to the next `]]>`; without it the rest of the \
        document is text."
    ),
    wrong: docs!("<Response><Dial><Sip><![CDATA[sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip><![CDATA[sip:alice@example.com]]></Sip></Dial></Response>"),
    row: None,
};

pub static UNCLOSED_PI: Rule = Rule {
    code: "xml/unclosed-pi",
    summary: "processing instruction or declaration without its closing `?>`",
    severity: ERROR,
    explanation: docs!(
        "`<?…` runs to the next `?>`. A declaration written `<?xml version=\"1.0\">` lacks the \
        `?`."
    ),
    wrong: docs!("<?xml version=\"1.0\"><Response><Hangup/></Response>"),
    right: docs!("<?xml version=\"1.0\"?><Response><Hangup/></Response>"),
    row: None,
};

pub static DOUBLE_HYPHEN_IN_COMMENT: Rule = Rule {
    code: "xml/double-hyphen-in-comment",
    summary: "`--` inside a comment",
    severity: ERROR,
    explanation: docs!(
        "XML forbids `--` inside a comment and a comment ending in `--->`. Commenting out a \
        block that itself contains a comment triggers it."
    ),
    wrong: docs!("<Response><!-- call -- alice --><Hangup/></Response>"),
    right: docs!("<Response><!-- call, alice --><Hangup/></Response>"),
    row: None,
};

pub static ILLEGAL_CHARACTER: Rule = Rule {
    code: "xml/illegal-character",
    summary: "character that XML does not allow anywhere",
    severity: ERROR,
    explanation: docs!(
        "NUL and the other C0 control characters (except tab, line feed and carriage \
        return), and U+FFFE/U+FFFF, may not appear in an XML document at all, not even escaped. \
        They usually come from a bad copy or from binary data."
    ),
    wrong: docs!("<Response><Say>Hello\u{1}</Say></Response>"),
    right: docs!("<Response><Say>Hello</Say></Response>"),
    row: None,
};

pub static NESTING_TOO_DEEP: Rule = Rule {
    code: "xml/nesting-too-deep",
    summary: "elements nested deeper than the limit",
    severity: WARNING,
    explanation: docs!(
        "No RCML document nests more than a handful of levels. Elements nested deeper than \
        1000 levels are still read and checked for well-formedness, but a document like that is \
        an attack or a generator bug, and many parsers refuse it."
    ),
    wrong: "",
    right: "",
    row: None,
};

pub static INVALID_MARKUP: Rule = Rule {
    code: "xml/invalid-markup",
    summary: "`<!` that starts neither a comment nor a CDATA section",
    severity: ERROR,
    explanation: docs!(
        "After `<!` XML allows only `<!--` (a comment), `<![CDATA[` and, before the root, \
        `<!DOCTYPE`."
    ),
    wrong: docs!("<Response><!- note -><Hangup/></Response>"),
    right: docs!("<Response><!-- note --><Hangup/></Response>"),
    row: None,
};

pub static TOO_MANY_ERRORS: Rule = Rule {
    code: "xml/too-many-errors",
    summary: "so many markup errors that the rest of the document was not read",
    severity: WARNING,
    explanation: docs!(
        "Recovering from broken markup re-reads part of the document. To stay linear in \
        time on any input, the reader stops when recovery has re-read more than a few times the \
        size of the document; fix the first errors and check again."
    ),
    wrong: "",
    right: "",
    row: None,
};

pub static RULES: &[&Rule] = &[
    &BARE_AMPERSAND,
    &UNDEFINED_ENTITY,
    &INVALID_CHAR_REF,
    &CURLY_QUOTES,
    &UNQUOTED_ATTRIBUTE,
    &LT_IN_ATTRIBUTE,
    &DUPLICATE_ATTRIBUTE,
    &MISSING_EQUALS,
    &ATTRIBUTE_WITHOUT_VALUE,
    &UNCLOSED_ATTRIBUTE_VALUE,
    &MISSING_ATTRIBUTE_SPACE,
    &MALFORMED_TAG,
    &INVALID_NAME,
    &UNESCAPED_LT,
    &UNCLOSED_TAG,
    &MISMATCHED_END_TAG,
    &UNCLOSED_ELEMENT,
    &UNEXPECTED_END_TAG,
    &MALFORMED_END_TAG,
    &MULTIPLE_ROOTS,
    &TEXT_OUTSIDE_ROOT,
    &EMPTY_DOCUMENT,
    &DECLARATION_NOT_AT_START,
    &MALFORMED_DECLARATION,
    &UNSUPPORTED_ENCODING,
    &DOCTYPE,
    &ENTITY_DECLARATION,
    &UNCLOSED_COMMENT,
    &UNCLOSED_CDATA,
    &UNCLOSED_PI,
    &DOUBLE_HYPHEN_IN_COMMENT,
    &ILLEGAL_CHARACTER,
    &NESTING_TOO_DEEP,
    &INVALID_MARKUP,
    &TOO_MANY_ERRORS,
];
