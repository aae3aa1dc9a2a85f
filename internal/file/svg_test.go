package file

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSVGAllowlist(t *testing.T) {
	t.Parallel()
	const open = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`
	for _, c := range []struct {
		name string
		svg  string
		ok   bool
	}{
		{"plain shapes", open + `<rect width="10" height="10" fill="#c00"/><circle cx="5" cy="5" r="2" style="fill: red; stroke-width: 2"/></svg>`, true},
		{"gradient by local url", open + `<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><path d="M0 0h10v10z" fill="url(#g)"/></svg>`, true},
		{"use a local symbol", open + `<symbol id="s"><path d="M0 0"/></symbol><use href="#s"/><use xlink:href="#s"/></svg>`, true},
		{"style element, local url", open + `<style><![CDATA[ .a { fill: url('#g'); font-family: "Inter" } ]]></style><text class="a">Logo</text></svg>`, true},
		{"xml declaration, comments, BOM", "\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- logo -->\n" + open + `<title>Logo</title></svg>`, true},
		{"Inkscape file", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" inkscape:version="1.3"><sodipodi:namedview id="n" inkscape:zoom="1"/><metadata><rdf:RDF/></metadata><g inkscape:label="Calque 1" data-name="x"/></svg>`, true},
		{"embedded PNG image", open + `<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/></svg>`, true},

		{"script", open + `<script>alert(1)</script></svg>`, false},
		{"uppercase script", open + `<SCRIPT>alert(1)</SCRIPT></svg>`, false},
		{"XHTML-namespaced script", open + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, false},
		{"XHTML default namespace", open + `<g xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></g></svg>`, false},
		{"undeclared prefix", open + `<x:script>alert(1)</x:script></svg>`, false},
		{"event handler", open + `<rect onload="alert(1)"/></svg>`, false},
		{"event handler on root", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, false},
		{"event handler in another namespace", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:e="http://example.com/e" e:onload="alert(1)"/>`, false},
		{"javascript href", open + `<a href="javascript:alert(1)"><rect/></a></svg>`, false},
		{"entity-encoded javascript href on use", open + `<use href="java&#115;cript:alert(1)"/></svg>`, false},
		{"entity-encoded javascript in xlink:href", open + `<use xlink:href="&#106;avascript&#58;alert(1)"/></svg>`, false},
		{"tab inside the scheme", open + `<image href="java&#9;script:alert(1)"/></svg>`, false},
		{"external href", open + `<use href="https://evil.example/x.svg#a"/></svg>`, false},
		{"external image", open + `<image href="https://evil.example/track.png"/></svg>`, false},
		{"SVG as data URL", open + `<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`, false},
		{"foreignObject", open + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`, false},
		{"iframe", open + `<iframe src="x"/></svg>`, false},
		{"animate rewriting an href", open + `<a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>`, false},
		{"set element", open + `<set attributeName="onmouseover" to="alert(1)"/></svg>`, false},
		{"DOCTYPE with entities", `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]>` + open + `&x;</svg>`, false},
		{"undefined entity", open + `&x;</svg>`, false},
		{"style @import", open + `<style>@import url(https://evil.example/x.css);</style></svg>`, false},
		{"style external url", open + `<style>rect { fill: url(https://evil.example/p.svg#a) }</style></svg>`, false},
		{"style css escape", open + `<style>rect { background: \75rl(https://evil.example) }</style></svg>`, false},
		{"style attribute external url", open + `<rect style="fill:url( 'https://evil.example/a' )"/></svg>`, false},
		{"presentation attribute external url", open + `<rect fill="url(https://evil.example/p#a)"/></svg>`, false},
		{"xml-stylesheet", `<?xml-stylesheet href="https://evil.example/x.css"?>` + open + `</svg>`, false},
		{"xml:base", `<svg xmlns="http://www.w3.org/2000/svg" xml:base="https://evil.example/"/>`, false},
		{"other encoding", `<?xml version="1.0" encoding="ISO-8859-1"?>` + open + `</svg>`, false},
		{"not svg", `<html><body>hi</body></html>`, false},
		{"two roots", open + `</svg><svg xmlns="http://www.w3.org/2000/svg"/>`, false},
		{"unclosed", open + `<rect>`, false},
		{"text before the root", `hello` + open + `</svg>`, false},
		{"invalid UTF-8", open + "\xff</svg>", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.ok, safeSVG([]byte(c.svg)), c.svg)
		})
	}
}
