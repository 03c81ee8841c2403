"""The IVR & IVML tab: IVR menus, IVML configurations and their dialogs."""
