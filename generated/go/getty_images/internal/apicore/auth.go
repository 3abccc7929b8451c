// Copied by generator 0.1.0 from templates/go/runtime/auth.go. Do not edit.
package apicore

import (
	"encoding/base64"
	"os"
	"strings"
)

// Credential is an API key, a bearer token or a user name and password. None
// shows its secret when printed with %v or %+v.
type Credential interface {
	apply(headers map[string]string, query *[]QueryParam) error
}

// APIKey is a key sent as the header, query parameter or cookie called Name; In is "header", "query" or "cookie".
type APIKey struct {
	Name  string
	In    string
	Value string
}

// BearerToken is a token sent as "Authorization: Bearer <token>".
type BearerToken struct {
	Token string
}

// BasicAuth is a user name and password sent as "Authorization: Basic ...".
type BasicAuth struct {
	Username string
	Password string
}

// String hides the key.
func (k APIKey) String() string { return "APIKey(name=" + k.Name + ", in=" + k.In + ", value=***)" }

// GoString hides the key.
func (k APIKey) GoString() string { return k.String() }

// String hides the token.
func (t BearerToken) String() string { return "BearerToken(token=***)" }

// GoString hides the token.
func (t BearerToken) GoString() string { return t.String() }

// String hides the password.
func (b BasicAuth) String() string { return "BasicAuth(username=" + b.Username + ", password=***)" }

// GoString hides the password.
func (b BasicAuth) GoString() string { return b.String() }

func (k APIKey) apply(headers map[string]string, query *[]QueryParam) error {
	switch k.In {
	case "query":
		*query = append(*query, QueryParam{Name: k.Name, Value: k.Value})
	case "cookie":
		cookie := k.Name + "=" + k.Value
		if previous, ok := headers["Cookie"]; ok {
			cookie = previous + "; " + cookie
		}
		headers["Cookie"] = cookie
	default:
		setHeader(headers, k.Name, k.Value)
	}
	return nil
}

func (t BearerToken) apply(headers map[string]string, _ *[]QueryParam) error {
	headers["Authorization"] = "Bearer " + t.Token
	return nil
}

func (b BasicAuth) apply(headers map[string]string, _ *[]QueryParam) error {
	pair := b.Username + ":" + b.Password
	if err := CheckText("Authorization", pair); err != nil {
		return err
	}
	headers["Authorization"] = "Basic " + base64.StdEncoding.EncodeToString([]byte(pair))
	return nil
}

// CredentialFromEnv is the value of the environment variable without
// surrounding blanks, and false when it is unset or blank.
func CredentialFromEnv(variable string) (string, bool) {
	value := strings.TrimSpace(os.Getenv(variable))
	return value, value != ""
}

// ApplySecurity adds to headers and query the credentials of the first
// satisfiable alternative of requirements. An empty alternative makes
// authentication optional. MissingCredentialsError when none can be satisfied.
func ApplySecurity(headers map[string]string, query *[]QueryParam, requirements [][]string, credentials map[string]Credential, hints map[string]string) error {
	if len(requirements) == 0 {
		return nil
	}
	optional := false
	for _, group := range requirements {
		if len(group) == 0 {
			optional = true
			continue
		}
		if !hasAll(credentials, group) {
			continue
		}
		for _, name := range group {
			if err := credentials[name].apply(headers, query); err != nil {
				return err
			}
		}
		return nil
	}
	if optional {
		return nil
	}
	return &MissingCredentialsError{Alternatives: requirements, Hints: hints}
}

func hasAll(credentials map[string]Credential, group []string) bool {
	for _, name := range group {
		if credentials[name] == nil {
			return false
		}
	}
	return true
}
