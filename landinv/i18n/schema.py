"""Headers of the stored and derived columns of the inventory layers (see landinv.schema)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "schema.ver.valid_from": {"zh": "生效日期", "en": "Valid from"},
    "schema.ver.valid_to": {"zh": "失效日期", "en": "Valid to"},
    "schema.ver.import_id": {"zh": "导入批次", "en": "Import ID"},
    "schema.parcel.parcel_id": {"zh": "地块编号", "en": "Parcel ID"},
    "schema.parcel.name": {"zh": "地块名称", "en": "Name"},
    "schema.parcel.zone": {"zh": "片区", "en": "Zone"},
    "schema.parcel.category": {"zh": "类型", "en": "Category"},
    "schema.parcel.status": {"zh": "状态", "en": "Status"},
    "schema.parcel.project": {"zh": "供应项目", "en": "Project"},
    "schema.parcel.land_use_code": {"zh": "用地代码", "en": "Land-use code"},
    "schema.parcel.declared_area_m2": {"zh": "申报面积(平方米)", "en": "Declared area (m²)"},
    "schema.parcel.area_m2": {"zh": "面积(平方米)", "en": "Area (m²)"},
    "schema.building.building_id": {"zh": "厂房编号", "en": "Building ID"},
    "schema.building.parcel_id": {"zh": "所在地块", "en": "Parcel ID"},
    "schema.building.name": {"zh": "厂房名称", "en": "Name"},
    "schema.building.zone": {"zh": "片区", "en": "Zone"},
    "schema.building.is_standard_factory": {"zh": "是否标准厂房", "en": "Standard factory"},
    "schema.building.floors": {"zh": "层数", "en": "Floors"},
    "schema.building.footprint_m2": {"zh": "占地面积(平方米)", "en": "Footprint (m²)"},
    "schema.building.floor_area_m2": {"zh": "建筑面积(平方米)", "en": "Floor area (m²)"},
    "schema.parcel.area_mu": {"zh": "面积(亩)", "en": "Area (mu)"},
    "schema.parcel.area_ha": {"zh": "面积(公顷)", "en": "Area (ha)"},
}
