package extract

import (
	_ "embed"
	"strings"
	"sync"
)

// schema.org's type hierarchy, to tell a rating about the company (any
// Organization, LocalBusiness, Brand or WebSite, down to a Dentist or a
// Plumber) from one about a product, and an employer rating from a
// customer rating.

//go:embed schemaorg-types.txt
var schemaTypesData string

// schemaTypes maps a lower-case type name to its lower-case supertypes.
var schemaTypes = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, line := range strings.Split(schemaTypesData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		name, parents, _ := strings.Cut(line, " ")
		var ps []string
		for _, p := range strings.Split(parents, ",") {
			if p != "" {
				ps = append(ps, strings.ToLower(p))
			}
		}
		out[strings.ToLower(name)] = ps
	}
	return out
})

// isA reports whether schema.org type t is ancestor or one of its
// subtypes. Both are lower-case local names.
func isA(t, ancestor string) bool {
	types := schemaTypes()
	seen := map[string]bool{}
	stack := []string{t}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == ancestor {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, types[x]...)
	}
	return false
}

// knownType reports whether t is a schema.org type.
func knownType(t string) bool {
	_, ok := schemaTypes()[t]
	return ok
}

// companyRoots are the types whose rating is about the company itself.
var companyRoots = []string{"organization", "brand", "website"}

// isCompanyType reports whether one of types is a company: a subtype of
// Organization (LocalBusiness and its Dentist, HairSalon, Plumber,
// FoodEstablishment...), Brand or WebSite. A type schema.org does not
// know counts when its name says store, business or organization
// ("OnlineShop" does not; "ClothingStore" is known anyway).
func isCompanyType(types []string) bool {
	for _, t := range types {
		if !knownType(t) {
			if strings.HasSuffix(t, "store") || strings.HasSuffix(t, "business") ||
				strings.HasSuffix(t, "organization") || strings.HasSuffix(t, "organisation") {
				return true
			}
			continue
		}
		for _, root := range companyRoots {
			if isA(t, root) {
				return true
			}
		}
	}
	return false
}

// employerRating reports an EmployerAggregateRating (or a subtype): what
// employees think of the company, not customers.
func employerRating(types []string) bool {
	for _, t := range types {
		if isA(t, "employeraggregaterating") {
			return true
		}
	}
	return false
}
