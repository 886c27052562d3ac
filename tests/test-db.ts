/** Name of the migrated, unit-loaded PostgreSQL database each test file clones. */
export const TEMPLATE_DB = 'cnscd_test_template';
