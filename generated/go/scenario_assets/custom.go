// Created once by generator (style go): your own code. Regenerating the package never overwrites this file.

package scenarioassets

// customize is called by New with the options it was given, before anything
// else; the client is built with what it returns, so what it adds applies to
// every client. The generator writes this file once, when the package is first
// generated (or when the file is missing), and never again: generate carries
// it over as it is and check does not compare it.
//
// Example (a logging hook and an extra header; the caller's options still come
// last, so they win):
//
//	func customize(options []Option) []Option {
//		logged := WithBeforeRequest(func(request *http.Request) error {
//			log.Printf("%s %s", request.Method, request.URL.Path)
//			return nil
//		})
//		return append([]Option{logged, WithHeader("X-Team", "imaging")}, options...)
//	}
func customize(options []Option) []Option {
	return options
}
