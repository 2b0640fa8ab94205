package openapi

import (
	"embed"
	"net/http"
)

//go:embed docs
var docs embed.FS

// DocsCSP lets the docs page run its own script and style and fetch /openapi.json, nothing else.
const DocsCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'"

// DocsHandler serves the API browser page (/docs) and its script and style, all from the binary: no CDN.
func DocsHandler() http.Handler {
	files := http.FileServerFS(docs)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", DocsCSP)
		w.Header().Set("Cache-Control", "public, max-age=300")
		if r.URL.Path == "/docs" {
			r.URL.Path = "/docs/"
		}
		files.ServeHTTP(w, r)
	})
}
