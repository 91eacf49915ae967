from .application import Application, ApplicationMaterial, Upload
from .case import Case, CaseAction, CaseDocument, CaseNumberSequence, CasePause, CaseStep, SupplementItem
from .library import UpProAccept, UpProMaterial, UpProProcess, UpProResult, UpProSpecialProcedure

__all__ = [
    "Application",
    "ApplicationMaterial",
    "Case",
    "CaseAction",
    "CaseDocument",
    "CaseNumberSequence",
    "CasePause",
    "CaseStep",
    "SupplementItem",
    "UpProAccept",
    "UpProMaterial",
    "UpProProcess",
    "UpProResult",
    "UpProSpecialProcedure",
    "Upload",
]
