"""Discriminator values resolved against a union's variants, and what styles and examples make of them."""

from __future__ import annotations

from generator.core.discriminators import tagged
from generator.core.examples import example_json
from generator.core.schemas import schema_index
from generator.ir import (
    Api,
    Discriminator,
    NamedSchema,
    ObjectSchema,
    Origin,
    PrimitiveSchema,
    Property,
    RefSchema,
    UnionSchema,
)
from generator.styles.typescript.test_values import fits
from generator.styles.typescript.types import TsTypes

HERE = Origin(file="spec.yaml")


def _pet(name: str) -> NamedSchema:
    tag = Property(name="petType", schema=PrimitiveSchema(kind="string", origin=HERE), required=True, origin=HERE)
    return NamedSchema(name=name, schema=ObjectSchema(properties=(tag,), origin=HERE), origin=HERE)


def _union(*mapping: tuple[str, str], inline: bool = False) -> UnionSchema:
    variants = [RefSchema(name="Cat", origin=HERE), RefSchema(name="Dog", origin=HERE)]
    if inline:
        variants.append(ObjectSchema(properties=(), origin=HERE))  # type: ignore[arg-type]
    disc = Discriminator(property_name="petType", mapping=mapping)
    return UnionSchema(variants=tuple(variants), discriminator=disc, origin=HERE)


def test_mapping_values_choose_their_variant_and_the_others_go_by_name() -> None:
    disc = tagged(_union(("cat", "Cat"), ("kitty", "Cat"), inline=True))
    assert disc is not None
    assert disc.tags == (("cat", "kitty"), ("Dog",), ())
    assert disc.explicit and disc.values == ("cat", "kitty", "Dog")  # what a client accepts, variant by variant


def test_without_a_mapping_the_schema_names_choose() -> None:
    disc = tagged(_union())
    assert disc is not None and disc.tags == (("Cat",), ("Dog",)) and not disc.explicit


def test_a_value_mapped_twice_chooses_the_first_variant() -> None:
    disc = tagged(_union(("pet", "Cat"), ("pet", "Dog")))
    assert disc is not None and disc.tags == (("pet",), ())  # Dog is mapped, so its name does not choose it


def test_typescript_narrows_each_variant_to_its_values() -> None:
    named = {n.name: n for n in (_pet("Cat"), _pet("Dog"))}
    types = TsTypes({"Cat": "Cat", "Dog": "Dog"}, named)
    union = _union(("cat", "Cat"), ("dog", "Dog"))
    assert types.type(union) == '(Cat & { petType: "cat" }) | (Dog & { petType: "dog" })'


def test_examples_carry_the_value_that_chooses_their_variant() -> None:
    union = _union(("cat", "Cat"), ("dog", "Dog"))
    api = Api(title="T", version="1", schemas=(_pet("Cat"), _pet("Dog")), origin=HERE)
    index = schema_index(api, [])
    value = example_json(index, union)
    assert value == {"petType": "cat"}
    assert fits(index, union, value) and not fits(index, union, {"petType": "string"})
